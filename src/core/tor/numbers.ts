/** Numbers as terms of reference write them: digits, words ("fifteen", "twenty-five"), "a"/"an". Four digits are a year, never a count. */

const UNITS: Record<string, number> = {
  a: 1, an: 1, one: 1, single: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  couple: 2, dozen: 12,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, final: Infinity, last: Infinity,
};

/** A regular-expression source matching one number as written: `15`, `fifteen`, `twenty-five`, `a`. */
export const NUMBER_SOURCE = `(?:\\d{1,3}|(?:${Object.keys(TENS).join('|')})(?:[- ](?:${Object.keys(UNITS).filter((w) => UNITS[w]! < 10 && w.length > 2).join('|')}))?|${Object.keys(UNITS).join('|')})`;

/** The value of a number matched by NUMBER_SOURCE; null when it is not one. */
export function numberValue(text: string): number | null {
  const t = text.toLowerCase().trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (t in UNITS) return UNITS[t]!;
  const [tens, unit] = t.split(/[- ]/);
  if (tens && tens in TENS) return TENS[tens]! + (unit ? (UNITS[unit] ?? 0) : 0);
  return null;
}

/** "first" -> 1, "3rd" -> 3, "final" -> Infinity; null when the word is no ordinal. */
export function ordinalValue(word: string): number | null {
  const t = word.toLowerCase();
  if (t in ORDINALS) return ORDINALS[t]!;
  const m = /^(\d{1,2})(?:st|nd|rd|th)$/.exec(t);
  return m ? Number(m[1]) : null;
}

/** The ordinal words, as a regular-expression source. */
export const ORDINAL_SOURCE = `(?:${Object.keys(ORDINALS).join('|')}|\\d{1,2}(?:st|nd|rd|th))`;
