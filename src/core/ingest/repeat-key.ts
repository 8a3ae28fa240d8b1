import crypto from 'node:crypto';
import type { SegmentKind } from '../documents/kinds.js';

/** Kinds that become boilerplate when their text recurs across documents; headings and source lines stay what they are. */
const REPEATABLE = new Set<SegmentKind>(['body', 'list', 'table', 'caption']);
/** Shorter text recurs by chance ("Thank you.", "Yes, I agree."), not because a portal or template wrote it. */
const MIN_WORDS = 5;

/**
 * The key under which a segment's text is compared with other documents': 16 hex digits of the
 * SHA-1 of its letters and digits in lower case, so spacing, punctuation and line breaks do not
 * matter. Null for kinds that repetition does not change, and for short text.
 */
export function repeatKey(text: string, kind: SegmentKind): string | null {
  if (!REPEATABLE.has(kind)) return null;
  const normal = text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (normal.split(' ').length < MIN_WORDS) return null;
  return crypto.createHash('sha1').update(normal).digest('hex').slice(0, 16);
}
