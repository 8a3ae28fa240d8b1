/**
 * Document fields that are not attributes (authors, year, format, the file's SHA-256 and path)
 * travel as QDPX variables named `litkit:NAME` whose description says so; on import such a
 * variable sets the field again instead of becoming an attribute. Other tools show them as
 * ordinary variables.
 */
export const FIELD_VARIABLES = ['authors', 'year', 'format', 'sha256', 'source'] as const;
export type FieldVariable = (typeof FIELD_VARIABLES)[number];

export const FIELD_PREFIX = 'litkit:';
export const FIELD_DESCRIPTION = 'litkit document field, read back by litkit as the field, not as an attribute';

/** The field a variable carries, when it is one of litkit's. */
export function fieldOf(name: string, description: string | undefined): FieldVariable | undefined {
  if (!name.startsWith(FIELD_PREFIX) || description !== FIELD_DESCRIPTION) return undefined;
  const field = name.slice(FIELD_PREFIX.length);
  return (FIELD_VARIABLES as readonly string[]).includes(field) ? (field as FieldVariable) : undefined;
}

/** Project notes with this name prefix carry a framework's YAML, rules and all, for litkit to read back. */
export const FRAMEWORK_NOTE_PREFIX = 'litkit framework ';
