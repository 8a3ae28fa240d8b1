/** Word shingles at least this similar (Jaccard) mark two segments as near-duplicates. */
export const NEAR_DUPLICATE = 0.9;
const SHINGLE = 3;

/** A text reduced for comparison: lower-case words of letters and digits, single-spaced. */
export function normaliseForComparison(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/** The set of word 3-grams of a normalised text (the text itself when it has fewer words). */
function shingles(normalised: string): Set<string> {
  const words = normalised.split(' ');
  if (words.length < SHINGLE) return new Set([normalised]);
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE <= words.length; i++) out.add(words.slice(i, i + SHINGLE).join(' '));
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  // Jaccard is at most min/max of the sizes: skip pairs that cannot reach the bar.
  if (Math.min(a.size, b.size) < NEAR_DUPLICATE * Math.max(a.size, b.size)) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}

/**
 * Texts kept so far, to ask whether a new one repeats any of them: the same normalised text, or
 * word 3-gram sets with a Jaccard similarity of at least 0.9 (the page headers, footers and
 * repeated boilerplate of real reports).
 */
export class NearDuplicates<K> {
  private readonly exact = new Map<string, K>();
  private readonly kept: { key: K; shingles: Set<string> }[] = [];

  /** The key of a kept text that `text` repeats, if any. */
  find(text: string): K | undefined {
    const n = normaliseForComparison(text);
    const same = this.exact.get(n);
    if (same !== undefined) return same;
    const s = shingles(n);
    return this.kept.find((k) => jaccard(s, k.shingles) >= NEAR_DUPLICATE)?.key;
  }

  add(key: K, text: string): void {
    const n = normaliseForComparison(text);
    if (!this.exact.has(n)) this.exact.set(n, key);
    this.kept.push({ key, shingles: shingles(n) });
  }
}
