// Control characters other than line breaks and tabs would act on a terminal, not show.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u001b]/g;
// A sentence ends at . ! or ? (and a closing quote or bracket) followed by white space.
const SENTENCE_END = /[.!?]["'”’)\]]*\s+/g;

/**
 * The sentences of `text` that hold the ranges (offsets into `text`), each range wrapped by
 * `mark`, white space collapsed and control characters removed; sentences that are not next to
 * each other are joined by " … ". Without ranges, the start of the text. At most `max`
 * characters of sentence text (cut with "…").
 */
export function highlightSentences(text: string, ranges: [number, number][], mark: (s: string) => string, max = 600): string {
  const clean = (s: string) => s.replace(CONTROL, '').replace(/\s+/g, ' ');
  const cut = (s: string) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
  const inside = ranges.map(([s, e]) => [Math.max(0, s), Math.min(text.length, e)] as [number, number]).filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  if (!inside.length) return cut(clean(text).trim());
  const bounds: [number, number][] = [];
  let from = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    bounds.push([from, m.index + m[0].length]);
    from = m.index + m[0].length;
  }
  if (from < text.length) bounds.push([from, text.length]);
  const chosen = bounds.map((b, i) => ({ b, i })).filter(({ b }) => inside.some(([s, e]) => s < b[1] && b[0] < e));
  const parts: string[] = [];
  let last = -2;
  for (const { b, i } of chosen) {
    let piece = '';
    let at = b[0];
    for (const [s, e] of inside) {
      if (e <= b[0] || s >= b[1] || s < at) continue;
      piece += clean(text.slice(at, s)) + mark(clean(text.slice(s, Math.min(e, b[1]))));
      at = Math.min(e, b[1]);
    }
    piece += clean(text.slice(at, b[1]));
    parts.push(`${i === last + 1 || parts.length === 0 ? '' : '… '}${piece.trim()}`);
    last = i;
  }
  const joined = parts.join(' ');
  const lead = chosen[0]!.i > 0 ? '… ' : '';
  const tail = chosen.at(-1)!.i < bounds.length - 1 ? ' …' : '';
  return `${lead}${cut(joined)}${tail}`;
}
