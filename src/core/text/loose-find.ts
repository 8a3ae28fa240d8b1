/**
 * Finding a pasted passage in stored text the way a reader compares them: any run of white space
 * matches any other, and case does not count. A plain search over a normalised copy of the text,
 * mapped back to the original offsets, so a quote of thousands of words costs what its length
 * costs (a regular expression of that many alternatives overflows the stack).
 */

/** The text with white-space runs made one space and letters lower-cased, and where each unit came from. */
function normalised(text: string): { norm: string; from: number[] } {
  let norm = '';
  const from: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (/\s/u.test(ch)) {
      if (!space && norm.length) {
        norm += ' ';
        from.push(i);
      }
      space = true;
    } else {
      space = false;
      // Lower-casing may lengthen a character (İ): every unit it gives maps to the original.
      const lower = ch.toLowerCase();
      norm += lower;
      for (let k = 0; k < lower.length; k++) from.push(i);
    }
    i += ch.length;
  }
  return { norm, from };
}

/** Every place `needle` occurs in `text` ignoring case and white-space differences, as [start, end) offsets of `text`. */
export function findLoosely(text: string, needle: string): { start: number; end: number }[] {
  const want = normalised(needle.trim()).norm;
  if (!want) return [];
  const { norm, from } = normalised(text);
  const found: { start: number; end: number }[] = [];
  for (let at = norm.indexOf(want); at >= 0; at = norm.indexOf(want, at + 1)) {
    const last = from[at + want.length - 1]!;
    const end = last + String.fromCodePoint(text.codePointAt(last)!).length;
    found.push({ start: from[at]!, end });
  }
  return found;
}
