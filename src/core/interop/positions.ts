/**
 * Offsets at the REFI-QDA boundary. litkit stores offsets as UTF-16 code units (JavaScript string
 * indexes) into one page's text; QDPX positions count characters of the source's whole plain
 * text, and litkit writes and reads them as Unicode code points. This module is the one place
 * where the two units meet.
 */

/** Pages of an exported source are joined with a form feed: plain text's page break, which litkit's text reader splits at again. */
export const PAGE_BREAK = '\f';

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * A function from UTF-16 index to code-point index in `text`. Identity for text without astral
 * characters (emoji, rare CJK), which is most text, so no table is built for it.
 */
export function toCodePoints(text: string): (utf16: number) => number {
  if (!SURROGATE.test(text)) return (i) => i;
  const map = new Int32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    // An index between the halves of a pair is not a character boundary; it maps to the pair's start.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) map[++i] = cp;
    cp++;
  }
  map[text.length] = cp;
  return (i) => map[Math.max(0, Math.min(i, text.length))]!;
}

/** A source's text as litkit stores it, with the way back from the file's code-point positions. */
export interface CleanText {
  text: string;
  /** Code-point position in the original text → UTF-16 index in `text`. */
  toUtf16(codePoint: number): number;
  /** Length of the original text in code points (the largest valid position). */
  codePoints: number;
  crlf: boolean;
  controls: number;
}

// Characters XML and litkit's stored text do without: C0 controls except tab, line feed, carriage
// return and form feed (the page break), and DEL.
// eslint-disable-next-line no-control-regex
const DROPPED = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/;

/**
 * Prepares a source's plain text for storage without moving any character another tool may point
 * at: CRLF and lone CR become LF and control characters are dropped, and the returned map takes
 * each of the original code-point positions to its place in the result (a CRLF counts as the two
 * characters it is in the file). Nothing else is changed, so positions stay exact.
 */
export function cleanSourceText(raw: string): CleanText {
  const crlf = raw.includes('\r');
  const dropped = DROPPED.test(raw);
  if (!crlf && !dropped && !SURROGATE.test(raw)) {
    return { text: raw, toUtf16: (i) => Math.max(0, Math.min(i, raw.length)), codePoints: raw.length, crlf: false, controls: 0 };
  }
  // One pass over UTF-16 units: map[k] is where code point k of the original lands in the result.
  const map = new Int32Array(raw.length + 1);
  const parts: string[] = [];
  let cp = 0;
  let length = 0;
  let runStart = 0;
  let controls = 0;
  const cut = (i: number) => {
    if (i > runStart) parts.push(raw.slice(runStart, i));
  };
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    map[cp++] = length;
    if (c === 13) {
      cut(i);
      parts.push('\n');
      length += 1;
      // The LF of a CRLF is a position of its own in the file; it lands after the one LF kept.
      if (raw.charCodeAt(i + 1) === 10) map[cp++] = length;
      if (raw.charCodeAt(i + 1) === 10) i++;
      runStart = i + 1;
    } else if ((c < 32 && c !== 9 && c !== 10 && c !== 12) || c === 127) {
      cut(i);
      controls++;
      runStart = i + 1;
    } else if (c >= 0xd800 && c <= 0xdbff && (raw.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 2;
      i++;
    } else {
      length += 1;
    }
  }
  cut(raw.length);
  map[cp] = length;
  const text = parts.join('');
  return { text, toUtf16: (i) => map[Math.max(0, Math.min(i, cp))]!, codePoints: cp, crlf, controls };
}

/** Where a UTF-16 index of a whole text falls: its page (1-based) and the index within that page. */
export function pageOf(pageStarts: number[], index: number): { page: number; offset: number } {
  let lo = 0;
  let hi = pageStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pageStarts[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return { page: lo + 1, offset: index - pageStarts[lo]! };
}

/** The UTF-16 index at which each page starts in the pages joined with PAGE_BREAK. */
export function pageStarts(pages: string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const p of pages) {
    starts.push(at);
    at += p.length + PAGE_BREAK.length;
  }
  return starts;
}
