/** Titles at least this alike (trigram Dice) are the same record: typos and punctuation, not new studies. */
export const FUZZY_THRESHOLD = 0.9;

// Years a title is filed under: its own, and probed with the year before and after.
const slot = (y: number | null) => (y === null ? 'none' : String(y));
const near = (y: number | null) => (y === null ? ['none'] : [String(y - 1), String(y), String(y + 1)]);

/** How many words open and close a title's blocking keys. */
const KEY_WORDS = 3;

/**
 * Calls `visit(i, j, similarity)` for pairs of normalised titles (i < j) at least FUZZY_THRESHOLD
 * alike by character-trigram Dice, within 20% of each other's length and at most a year apart (or
 * both without a year). Titles are compared only within blocks, a year apart at most: the same
 * first three words, the same last three, or one of the three words of the title rarest in the
 * whole set. A typo or a dropped word changes one end of a title or one of its rare words, rarely
 * all of them, so another key still meets it. On Kitchenham 2010 this finds exactly the groups that
 * comparing every pair does.
 */
export function similarTitlePairs(titles: string[], years: (number | null)[], visit: (i: number, j: number, similarity: number) => void): void {
  const ids = new Map<string, number>();
  const bags = titles.map((t) => {
    const bag = new Int32Array(Math.max(0, t.length - 2));
    for (let k = 0; k + 3 <= t.length; k++) {
      const g = t.slice(k, k + 3);
      let id = ids.get(g);
      if (id === undefined) ids.set(g, (id = ids.size));
      bag[k] = id;
    }
    return bag.sort();
  });
  const wordsOf = titles.map((t) => t.split(' '));
  const frequency = new Map<string, number>();
  for (const words of wordsOf) for (const w of new Set(words)) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  const blocks = new Map<string, number[]>();
  const mark = new Int32Array(titles.length).fill(-1);
  titles.forEach((title, i) => {
    const words = wordsOf[i]!;
    const rarest = [...new Set(words)].sort((a, b) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : 1)).slice(0, KEY_WORDS);
    const keys = [...new Set([`<${words.slice(0, KEY_WORDS).join(' ')}`, `>${words.slice(-KEY_WORDS).join(' ')}`, ...rarest.map((w) => `=${w}`)])];
    for (const key of keys) {
      for (const y of near(years[i] ?? null)) {
        for (const j of blocks.get(`${key}|${y}`) ?? []) {
          if (mark[j] === i) continue;
          mark[j] = i;
          const a = titles[j]!;
          if (Math.abs(a.length - title.length) > 0.2 * Math.max(a.length, title.length)) continue;
          const sim = dice(bags[j]!, a.length, bags[i]!, title.length);
          if (sim >= FUZZY_THRESHOLD) visit(j, i, sim);
        }
      }
      const own = `${key}|${slot(years[i] ?? null)}`;
      const list = blocks.get(own);
      if (list) list.push(i);
      else blocks.set(own, [i]);
    }
  });
}

/**
 * Trigram Dice of two titles from their sorted trigram ids (shared trigrams counted as often as
 * both have them), or 0 as soon as the trigrams left cannot reach FUZZY_THRESHOLD: most candidate
 * pairs are unlike and give up within a dozen steps.
 */
function dice(a: Int32Array, aLength: number, b: Int32Array, bLength: number): number {
  const total = Math.max(1, aLength - 2) + Math.max(1, bLength - 2);
  const need = (FUZZY_THRESHOLD * total) / 2;
  let common = 0;
  for (let x = 0, y = 0; x < a.length && y < b.length; ) {
    if (a[x] === b[y]) (common++, x++, y++);
    else {
      if (a[x]! < b[y]!) x++;
      else y++;
      if (common + Math.min(a.length - x, b.length - y) < need) return 0;
    }
  }
  return (2 * common) / total;
}
