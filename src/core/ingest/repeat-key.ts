import type { SegmentKind } from '../documents/kinds.js';

/** Kinds that become boilerplate when their text recurs across documents; headings and source lines stay what they are. */
const REPEATABLE = new Set<SegmentKind>(['body', 'list', 'table', 'caption']);
/** Shorter text recurs by chance ("Thank you.", "Yes, I agree."), not because a portal or template wrote it. */
const MIN_WORDS = 5;

/** Letters and digits; what is not one separates words (ASCII by code, the rest by class). */
const isWordChar = (c: number, s: string, i: number) =>
  c < 0x80 ? (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) : /[\p{L}\p{N}]/u.test(s[i]!);

/**
 * The key under which a segment's text is compared with other documents': 16 hex digits of two
 * FNV-1a hashes (different offset bases) of its words in lower case, so spacing, punctuation and
 * line breaks do not matter. Null for kinds that repetition does not change, and for short text.
 * Built in one pass without intermediate strings: SHA-1 through createHash cost more than the rest
 * of classifying a segment, and 64 bits keep chance collisions negligible at millions of segments.
 */
export function repeatKey(text: string, kind: SegmentKind): string | null {
  if (!REPEATABLE.has(kind)) return null;
  const lower = text.toLowerCase();
  let a = 0x811c9dc5;
  let b = 0x6f4f2e7a;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (!isWordChar(c, lower, i)) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      inWord = true;
      // One space between words, whatever separated them in the text.
      if (words++ > 0) {
        a = Math.imul(a ^ 0x20, 0x01000193);
        b = Math.imul(b ^ 0x20, 0x01000193) ^ (b >>> 13);
      }
    }
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  if (words < MIN_WORDS) return null;
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
