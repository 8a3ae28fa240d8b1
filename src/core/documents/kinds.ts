import { UsageError } from '../../errors.js';

/**
 * What a segment is in its document. Stored in `segments.kind` (migration 006); the CHECK there
 * lists the same values.
 */
export const SEGMENT_KINDS = ['heading', 'body', 'list', 'table', 'caption', 'reference', 'boilerplate'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/**
 * Kinds that auto-coding reads unless told otherwise: text that can be evidence. Headings, key-value
 * lines of a job advert, source and URL lines and portal text are not.
 */
export const DEFAULT_CODING_KINDS: readonly SegmentKind[] = ['body', 'list', 'table', 'caption'];

/** Kinds a report may quote as evidence: running text and list items. */
export const DEFAULT_QUOTE_KINDS: readonly SegmentKind[] = ['body', 'list'];

const isKind = (s: string): s is SegmentKind => (SEGMENT_KINDS as readonly string[]).includes(s);

/** Parses a comma list of kinds (`heading,body`, or `all`); a usage error names an unknown one. */
export function parseKinds(list: string): SegmentKind[] {
  const names = list.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (names.includes('all')) return [...SEGMENT_KINDS];
  const unknown = names.filter((n) => !isKind(n));
  if (unknown.length || !names.length) {
    throw new UsageError('E_USAGE', `unknown segment kind "${unknown[0] ?? list}"; use a comma list of ${SEGMENT_KINDS.join(', ')}, or all`);
  }
  return [...new Set(names as SegmentKind[])];
}
