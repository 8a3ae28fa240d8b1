/** Sentence-level helpers for reading terms of reference. */

// A sentence ends at . ! ? before a capital, a quote or a bracket; "e.g.", "i.e." and the "2." of
// a list run into a line ("…; and 2. Conduct …") do not end one.
const SENTENCE_END = /(?<!\b(?:e\.g|i\.e|etc|cf|no|vs|approx)|(?:^|\s)\d{1,2})[.!?]["”’)]?\s+(?=["“‘(]?[\p{Lu}\d])/gu;

export const QUESTION_WORD = /^(?:what|how|which|who|whom|whose|why|when|where|to what extent|in what|is|are|does|do|did|can|could|should|would|will|has|have|was|were)\b/i;
// A question ends with its question mark, or with a note in brackets after it ("What should it include? (cf. …)").
const ASKS = /\?(?:\s*\([^)]*\))?$/;

/** Whether a sentence (or list item) is a question. */
export function isQuestion(text: string): boolean {
  return QUESTION_WORD.test(text) && ASKS.test(text);
}

/** The sentences of a block, trimmed. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    out.push(text.slice(start, m.index + m[0].trimEnd().length).trim());
    start = m.index + m[0].length;
  }
  out.push(text.slice(start).trim());
  return out.filter(Boolean);
}

/** A block's text cut at its first sentence end, and to `max` characters at a word boundary. */
export function brief(text: string, max = 220): string {
  const first = sentences(text)[0] ?? text;
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max * 0.6 ? cut.lastIndexOf(' ') : max).replace(/[,;:\s]+$/, '')}…`;
}

/**
 * The sentence of `text` holding offset `at`, shortened to `max` characters so that the words at
 * `at` stay in view ("… as well as a review of IOM's own tools …").
 */
export function around(text: string, at: number, max = 220): string {
  let start = 0;
  for (const s of sentences(text)) {
    const i = text.indexOf(s, start);
    if (i + s.length >= at) {
      const local = at - i;
      if (s.length <= max || local < max * 0.6) return brief(s, max);
      const from = s.lastIndexOf(' ', local - 60) + 1;
      return `…${brief(s.slice(from), max)}`;
    }
    start = i + s.length;
  }
  return brief(text, max);
}

/** Word overlap of two texts (Jaccard over lower-case words of 3+ letters): near-duplicates score > 0.7. */
export function overlap(a: string, b: string): number {
  const words = (s: string) => new Set(s.toLowerCase().match(/\p{L}{3,}/gu) ?? []);
  const x = words(a);
  const y = words(b);
  const shared = [...x].filter((w) => y.has(w)).length;
  return shared / Math.max(1, x.size + y.size - shared);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export { capitalise };
