/**
 * Text as one FTS5 string: matched as a phrase of its words, never parsed as query syntax (a
 * double quote inside is doubled, as FTS5 escapes it).
 */
export function ftsString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
