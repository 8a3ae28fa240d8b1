import { recallTest } from './stopping.js';

/** A record's features: term indexes and their weights, L2-normalised. */
export interface SparseVector {
  idx: Int32Array;
  val: Float64Array | Float32Array;
}

export interface FeatureSet {
  vectors: SparseVector[];
  dimensions: number;
}

// Runs of two or more word characters, as in the TF-IDF of ASReview's models. Stop words stay and
// words are not stemmed: on Kitchenham 2010 (seeds 1-3) leaving stop words out cost 0.10 WSS@95,
// stemming 0.04, both 0.18, since phrases such as "review of" carry the inclusion criteria.
const TOKEN = /[\p{L}\p{M}\p{N}_]+/gu;

// A word pair's key from its two words' term ids: exact while there are fewer than 2^26 terms.
const PAIR = 2 ** 26;

/**
 * TF-IDF of unigrams and bigrams: sublinear term frequency (1 + ln tf) times smoothed inverse
 * document frequency (ln((1 + n) / (1 + df)) + 1), L2-normalised; terms in more than `maxDf` of the
 * records are dropped. On Kitchenham 2010, WSS@95 0.67-0.68 against 0.63 with unigrams alone.
 */
export function features(texts: string[], maxDf = 0.95): FeatureSet {
  // Word pairs are keyed by their words' ids, not by joined strings: on 50,000 records this took
  // the time from 11 s to about 8 s and the memory from 870 to 360 MB.
  const words = new Map<string, number>();
  const pairs = new Map<number, number>();
  let terms = 0;
  const termIds = texts.map((text) => {
    const ids: number[] = [];
    let previous = -1;
    for (const [word] of text.toLowerCase().matchAll(TOKEN)) {
      if (word.length < 2) continue;
      let id = words.get(word);
      if (id === undefined) words.set(word, (id = terms++));
      ids.push(id);
      if (previous >= 0) {
        const key = previous * PAIR + id;
        let pair = pairs.get(key);
        if (pair === undefined) pairs.set(key, (pair = terms++));
        ids.push(pair);
      }
      previous = id;
    }
    return Int32Array.from(ids).sort();
  });
  if (terms >= PAIR) throw new Error(`too many distinct words and word pairs (${terms})`);
  const n = texts.length;
  const df = new Uint32Array(terms);
  for (const ids of termIds) for (let k = 0; k < ids.length; k++) if (ids[k] !== ids[k - 1]) df[ids[k]!]!++;
  // Compact the kept terms' indexes so the model's weight vector has no holes.
  const column = new Int32Array(terms).fill(-1);
  let dimensions = 0;
  for (let id = 0; id < terms; id++) if (df[id]! <= maxDf * n) column[id] = dimensions++;
  const vectors = termIds.map((ids) => {
    const idx: number[] = [];
    const val: number[] = [];
    let norm = 0;
    for (let k = 0; k < ids.length; ) {
      const id = ids[k]!;
      let tf = 0;
      while (ids[k] === id) (tf++, k++);
      if (column[id]! < 0) continue;
      const w = (1 + Math.log(tf)) * (Math.log((1 + n) / (1 + df[id]!)) + 1);
      idx.push(column[id]!);
      val.push(w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    return { idx: Int32Array.from(idx), val: Float64Array.from(val, (w) => w / norm) };
  });
  return { vectors, dimensions };
}

export interface SvmOptions {
  /** Regularisation: smaller is smoother. */
  c: number;
  /** How much more the includes weigh in total than the excludes. */
  ratio: number;
  /** Stop when the projected gradients span less than this. */
  tolerance: number;
  maxPasses: number;
}

/**
 * The setting of ASReview's default model (ELAS u4): C 0.11, includes weighing 9.8 times the
 * excludes. The tolerance is LIBLINEAR's default for this solver; tighter ones (1e-2 to 1e-4) move
 * WSS@95 by under 0.01 and take 2-4 times as long. On Kitchenham 2010 with these features, a
 * balanced naive Bayes (this file's first model) reaches 0.33-0.56 WSS@95.
 */
export const SVM_DEFAULTS: SvmOptions = { c: 0.11, ratio: 9.8, tolerance: 0.1, maxPasses: 1000 };

/**
 * A linear support vector machine (L2-regularised, squared hinge loss, with a bias) trained by dual
 * coordinate descent (Hsieh et al., 2008, the method of LIBLINEAR). Each decision weighs so that
 * the includes together weigh `ratio` times the excludes: the balance that the few includes need.
 * The dual variables are kept between trainings, so retraining after one more decision starts from
 * the last solution and takes a few passes.
 */
export class RelevanceModel {
  private readonly w: Float64Array;
  private bias = 0;
  private readonly alpha = new Map<number, { label: boolean; value: number }>();

  constructor(
    private readonly vectors: SparseVector[],
    dimensions: number,
    private readonly options: SvmOptions = SVM_DEFAULTS,
    private readonly rand: () => number = seeded(1),
  ) {
    this.w = new Float64Array(dimensions);
  }

  /** The solution's dual variables (record index -> decision and value), to go on from in another process (`resume`). */
  duals(): Map<number, { label: boolean; value: number }> {
    return new Map([...this.alpha].map(([i, a]) => [i, { ...a }]));
  }

  /**
   * Starts from the duals of an earlier training (`duals()`) instead of from nothing, rebuilding
   * the weights from them; `train` then goes on from that solution, as it does in one process
   * after one more decision. Call it on a new model, before `train`.
   */
  resume(duals: Map<number, { label: boolean; value: number }>): void {
    for (const [i, a] of duals) {
      this.alpha.set(i, { ...a });
      if (a.value) this.add(this.vectors[i]!, a.value * (a.label ? 1 : -1));
    }
  }

  /** Fits the decisions given (record index -> include?), which need an include and an exclude; returns the passes taken. */
  train(decisions: Map<number, boolean>): number {
    for (const [i, a] of this.alpha) {
      if (decisions.get(i) === a.label) continue;
      // An undone or changed decision takes its part of the solution with it.
      if (a.value) this.add(this.vectors[i]!, -a.value * (a.label ? 1 : -1));
      this.alpha.delete(i);
    }
    let n1 = 0;
    const added = new Set<number>();
    for (const [i, label] of decisions) {
      if (!this.alpha.has(i)) {
        this.alpha.set(i, { label, value: 0 });
        added.add(i);
      }
      if (label) n1++;
    }
    const n0 = decisions.size - n1;
    if (!n1 || !n0) throw new Error('the model needs at least one include and one exclude');
    const weight0 = n1 / (this.options.ratio * n0);
    const scale = decisions.size / (n1 + n0 * weight0);
    const items = [...this.alpha].map(([i, a]) => {
      const x = this.vectors[i]!;
      const d = 1 / (2 * this.options.c * scale * (a.label ? 1 : weight0));
      // The diagonal of the dual: |x|² (1, as features are normalised, or 0 for a record without
      // words) plus the bias feature's 1, plus d.
      return { i, x, y: a.label ? 1 : -1, a, d, q: (x.idx.length ? 2 : 1) + d };
    });
    // Settle the new decisions first: the pass that follows then often finds everything within
    // tolerance and ends the training, which halves the work of retraining after one decision.
    for (const { i, x, y, a, d, q } of items) {
      if (!added.has(i)) continue;
      const g = y * this.dot(x) - 1 + a.value * d;
      const next = Math.max(a.value - g / q, 0);
      this.add(x, (next - a.value) * y);
      a.value = next;
    }
    let pass = 0;
    while (pass++ < this.options.maxPasses) {
      let high = -Infinity;
      let low = Infinity;
      for (let k = items.length - 1; k > 0; k--) {
        const j = Math.floor(this.rand() * (k + 1));
        [items[k], items[j]] = [items[j]!, items[k]!];
      }
      for (const { x, y, a, d, q } of items) {
        const g = y * this.dot(x) - 1 + a.value * d;
        const pg = a.value === 0 ? Math.min(g, 0) : g;
        high = Math.max(high, pg);
        low = Math.min(low, pg);
        if (Math.abs(pg) < 1e-12) continue;
        const next = Math.max(a.value - g / q, 0);
        this.add(x, (next - a.value) * y);
        a.value = next;
      }
      if (high - low <= this.options.tolerance) break;
    }
    return pass;
  }

  /** The signed distance from the boundary: higher is more likely relevant. */
  score(index: number): number {
    return this.dot(this.vectors[index]!);
  }

  /** `score` of a vector stored as terms[from..to) and weights[from..to): the same sums in the same order. */
  scoreSlice(terms: Int32Array, weights: Float32Array | Float64Array, from: number, to: number): number {
    const { w } = this;
    let s = this.bias;
    for (let k = from; k < to; k++) s += w[terms[k]!]! * weights[k]!;
    return s;
  }

  private dot(x: SparseVector): number {
    const { w } = this;
    const { idx, val } = x;
    let s = this.bias;
    for (let k = 0; k < idx.length; k++) s += w[idx[k]!]! * val[k]!;
    return s;
  }

  private add(x: SparseVector, by: number): void {
    const { w } = this;
    const { idx, val } = x;
    for (let k = 0; k < idx.length; k++) w[idx[k]!]! += by * val[k]!;
    this.bias += by;
  }
}

/**
 * What the model reads of a record: its title, abstract (markup left out) and keywords (MeSH
 * headings, author keywords) where the export has them. Keywords raised WSS@95 over the six shared
 * labelled sets from 0.408 to 0.441 (seeds 1-3): +0.06 on three drug-class reviews, none lower by
 * more than 0.005; Kitchenham has none, so is unchanged (`npm run bench -- screen`).
 */
export function recordText(title: string, abstract: string | null | undefined, keywords?: string | string[] | null): string {
  const words = Array.isArray(keywords) ? keywords.join('; ') : (keywords ?? '');
  return `${title} ${(abstract ?? '').replace(/<[^>]+>/g, ' ')}${words ? ` ${words}` : ''}`;
}

/**
 * Orders candidate records (indexes into `vectors`), most likely relevant first, by a model
 * trained on the decisions given (index -> include?); ties keep the given order. Without an
 * include and an exclude there is nothing to learn from: callers check, and say so.
 */
export function rank(vectors: SparseVector[], dimensions: number, decisions: Map<number, boolean>, candidates: number[]): number[] {
  const model = new RelevanceModel(vectors, dimensions);
  model.train(decisions);
  const scores = new Float64Array(candidates.length);
  candidates.forEach((i, k) => (scores[k] = model.score(i)));
  return candidates.map((_, k) => k).sort((a, b) => scores[b]! - scores[a]! || a - b).map((k) => candidates[k]!);
}

/**
 * The head of `rank`'s order without sorting every candidate: the one scored highest, the earliest
 * of equals (as the stable sort puts first). `score` is a trained model's score of a candidate.
 */
export function bestCandidate<T>(candidates: T[], score: (c: T) => number): T | undefined {
  let best: T | undefined;
  let top = -Infinity;
  for (const c of candidates) {
    const s = score(c);
    if (best === undefined || s > top) [best, top] = [c, s];
  }
  return best;
}

/** A small seeded generator (mulberry32), so simulations repeat exactly. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Excludes in a row after which `screen next` suggests stopping: at least 50, or 5% of the records
 * in a large set.
 */
export function stoppingRun(records: number): number {
  return Math.max(50, Math.ceil(0.05 * records));
}

export interface SimulationResult {
  records: number;
  relevant: number;
  seed: number;
  priorRelevant: number;
  priorIrrelevant: number;
  /** Records screened (priors included) when each relevant record was found, in order. */
  foundAt: number[];
  screenedFor95: number;
  wss95: number;
  recallAt: { screened: number; recall: number }[];
  /** Where a reviewer following the stopping hint would have stopped (null: it never fires), and the recall then. */
  stoppingHint: { run: number; screened: number | null; recall: number };
  /**
   * The stopping rule with a recall guarantee (`screen stop`): prioritised screening until the hint
   * fires, then records drawn at random until the test rejects "recall < target". Null screened:
   * the hint never fired, so every record was screened.
   */
  stoppingRule: { target: number; confidence: number; sampleFrom: number | null; screened: number | null; sampled: number; recall: number; p: number | null };
  random: { foundAt: number[]; screenedFor95: number; wss95: number; recallAt: { screened: number; recall: number }[] };
}

/**
 * The random phase of the stopping rule, from the point where prioritised screening stopped: the
 * records left are an urn of which `relevant - found` are relevant; draw from it at random, test
 * after each draw, and stop at the first rejection of "recall < target".
 */
function simulateStoppingRule(n: number, relevant: number, switchAt: { screened: number; found: number } | null, rand: () => number, target: number, confidence: number): SimulationResult['stoppingRule'] {
  if (!switchAt) return { target, confidence, sampleFrom: null, screened: null, sampled: 0, recall: 1, p: null };
  const urn = n - switchAt.screened;
  let left = relevant - switchAt.found;
  let k = 0;
  for (let drawn = 0; ; drawn++) {
    const test = recallTest({ urn, sampled: drawn, sampledRelevant: k, relevantBefore: switchAt.found }, target, confidence);
    if (test.stop || drawn === urn) return { target, confidence, sampleFrom: switchAt.screened, screened: switchAt.screened + drawn, sampled: drawn, recall: (switchAt.found + k) / relevant, p: test.p };
    if (rand() < left / (urn - drawn)) {
      k++;
      left--;
    }
  }
}

function metrics(foundAt: number[], n: number, relevant: number) {
  const need = Math.ceil(0.95 * relevant);
  const screenedFor95 = foundAt[need - 1] ?? n;
  const recallAt = [0.1, 0.25, 0.5].map((f) => ({ screened: f, recall: foundAt.filter((k) => k <= Math.round(f * n)).length / relevant }));
  return { screenedFor95, wss95: (n - screenedFor95) / n - 0.05, recallAt };
}

/**
 * Replays a labelled data set as a reviewer using the model would screen it: start from a few
 * known includes and excludes chosen with the seed, then always screen the top-ranked record
 * and learn its label, retraining after every decision. Random order, from the same seed and
 * priors, is measured alongside.
 */
export function simulate(texts: string[], labels: boolean[], options: { seed?: number; priorRelevant?: number; priorIrrelevant?: number; recall?: number; confidence?: number } = {}): SimulationResult {
  const seed = options.seed ?? 1;
  const rand = seeded(seed);
  const n = texts.length;
  const relevant = labels.filter(Boolean).length;
  const pick = (want: boolean, k: number) => {
    const pool = labels.map((l, i) => (l === want ? i : -1)).filter((i) => i >= 0);
    const chosen: number[] = [];
    while (chosen.length < Math.min(k, pool.length)) {
      const i = pool[Math.floor(rand() * pool.length)]!;
      if (!chosen.includes(i)) chosen.push(i);
    }
    return chosen;
  };
  const priors = [...pick(true, options.priorRelevant ?? 1), ...pick(false, options.priorIrrelevant ?? 1)];
  const { vectors, dimensions } = features(texts);
  const model = new RelevanceModel(vectors, dimensions, SVM_DEFAULTS, seeded(seed));
  const decisions = new Map<number, boolean>();
  const foundAt: number[] = [];
  const take = (i: number) => {
    decisions.set(i, labels[i]!);
    if (labels[i]) foundAt.push(decisions.size);
  };
  priors.forEach(take);
  const remaining = new Set(texts.map((_, i) => i).filter((i) => !decisions.has(i)));
  // Once every relevant record is found, the order of the rest changes no figure reported.
  while (remaining.size && foundAt.length < relevant) {
    model.train(decisions);
    let best = -1;
    let bestScore = -Infinity;
    for (const i of remaining) {
      const s = model.score(i);
      if (s > bestScore || (s === bestScore && i < best)) [best, bestScore] = [i, s];
    }
    remaining.delete(best);
    take(best);
  }
  // Random order: the same priors first, then a seeded shuffle of the rest.
  const order = texts.map((_, i) => i).filter((i) => !priors.includes(i));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const randomFound: number[] = [];
  [...priors, ...order].forEach((i, k) => labels[i] && randomFound.push(k + 1));
  // The hint fires once `run` excludes follow the last include found; records past the last
  // relevant one were not replayed, but they are all excludes.
  const run = stoppingRun(n);
  const gap = foundAt.findIndex((at, k) => (foundAt[k + 1] ?? n + 1) - at > run);
  const stoppedAt = gap < 0 ? null : foundAt[gap]! + run;
  return {
    records: n,
    relevant,
    seed,
    priorRelevant: options.priorRelevant ?? 1,
    priorIrrelevant: options.priorIrrelevant ?? 1,
    foundAt,
    ...metrics(foundAt, n, relevant),
    stoppingHint: { run, screened: stoppedAt, recall: gap < 0 ? 1 : (gap + 1) / relevant },
    stoppingRule: simulateStoppingRule(n, relevant, stoppedAt === null ? null : { screened: stoppedAt, found: gap + 1 }, rand, options.recall ?? 0.95, options.confidence ?? 0.95),
    random: { foundAt: randomFound, ...metrics(randomFound, n, relevant) },
  };
}
