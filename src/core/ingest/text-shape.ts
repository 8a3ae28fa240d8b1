/** Counting and flattening helpers shared by the paragraph classifiers. */

const isAlnum = (c: number, ch: string) =>
  c < 0x80 ? (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) : /[\p{L}\p{N}]/u.test(ch);

/**
 * Whitespace-separated tokens that hold a letter or a digit: the words a reader sees. Counted in
 * one pass without building the tokens, as it runs on every paragraph of every document.
 */
export function words(s: string): number {
  let n = 0;
  let counted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) counted = false;
    else if (!counted && isAlnum(c, s[i]!)) {
      n++;
      counted = true;
    }
  }
  return n;
}

/** The text on one line, runs of white space folded to one space. */
export function flat(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
