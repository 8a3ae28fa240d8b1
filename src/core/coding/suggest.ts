import { UsageError } from '../../errors.js';
import { CITED_PARA, citeRow, type CitationColumns } from '../documents/citation.js';
import { features, RelevanceModel, seeded, SVM_DEFAULTS, type FeatureSet } from '../review/prioritise.js';
import { audit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { plattScaling } from './calibrate.js';
import { NearDuplicates } from './near-duplicates.js';
import { applyDecisions, nextCodingId } from './review.js';
import { decisionsInForce } from './rule-stats.js';
import { tokenize } from './text.js';

export interface SuggestOptions {
  /** One code; default: every code with a person's codings or accepted review decisions. */
  code?: string;
  /** Propose segments whose calibrated probability is at least this (default 0.5). */
  threshold?: number;
  /** Withhold a code's proposals when its cross-validated precision is below this (default 0.6). */
  minPrecision?: number;
  /** Store the proposals as codings by coder `suggest`, unreviewed (replacing earlier unreviewed ones of the code). */
  accept?: boolean;
  /** Most proposals per code (default 20). */
  limit?: number;
  /** Fewest positive and negative segments needed to learn a code (default 5 of each). */
  minExamples?: number;
  /** Seeds the folds and the model's shuffling (default 1), so a run repeats exactly. */
  seed?: number;
}

export interface Validation {
  /** Stratified k-fold: each fold holds its share of the positives and of the negatives. */
  folds: number;
  threshold: number;
  precision: number;
  /** The lower end of the 95% Wilson interval of the precision: what proposals are held to. */
  precisionLow: number;
  /** Held-out segments predicted positive, on which the precision rests. */
  predicted: number;
  recall: number;
  f1: number;
}

export interface Suggestion {
  segmentId: number;
  documentId: number;
  page: number;
  citation: string;
  excerpt: string;
  probability: number;
}

export interface CodeSuggestions {
  code: string;
  /** Segments the code was learned from: a person's codings and accepted codings. */
  positives: number;
  /** Rejected codings and the rest of the documents people coded. */
  negatives: number;
  validation: Validation | null;
  /** Why nothing is proposed (too few examples, or precision below the bar); null when proposing. */
  note: string | null;
  withheld: boolean;
  /** Segments the model may propose: not already coded with the code, not a training example. */
  candidates: number;
  /** Candidates at or above the threshold. */
  above: number;
  suggestions: Suggestion[];
  /** Candidates at or above the threshold that repeat a proposal (same or nearly the same words): not proposed again. */
  duplicates: (Suggestion & { duplicateOf: number })[];
  accepted: number;
}

interface SegmentRow extends CitationColumns {
  id: number;
  document_id: number;
  start: number;
  end: number;
  text: string;
}

interface Span {
  id: number;
  code_id: string;
  document_id: number;
  page: number;
  start: number;
  end: number;
}

const HUMAN = "coder NOT IN ('auto', 'suggest')";

/**
 * Segments shorter than this (headings, title lines, table cells) are neither learned from nor
 * proposed: they say too little, and as negatives they teach the model to tell short lines from
 * paragraphs, which cross-validation then rewards. On the gold set, where each passage's document
 * starts with a title line, such negatives once gave `recommendation` a cross-validated precision
 * of 0.91 and 20 proposals, most of them wrong (bench/coding-learning.js, random order, seed 2).
 */
const MIN_WORDS = 6;

/** The project's material to learn from, read once for every code. */
interface Corpus {
  segments: SegmentRow[];
  byPage: Map<string, SegmentRow[]>;
  human: Span[];
  /** Documents a person coded on their own initiative (a recode's coding does not count). */
  humanDocs: Set<number>;
  decisions: ReturnType<typeof decisionsInForce>;
}

function readCorpus(db: Db): Corpus {
  const segments = (
    db.sql
      .prepare(`SELECT s.id, s.document_id, s.page, s.start, s.end, s.text, ${CITED_PARA}, d.title, d.year, d.format, d.page_count
        FROM segments s JOIN documents d ON d.id = s.document_id ORDER BY s.id`)
      .all() as SegmentRow[]
  ).filter((s) => tokenize(s.text).length >= MIN_WORDS);
  const byPage = new Map<string, SegmentRow[]>();
  for (const s of segments) {
    const key = `${s.document_id}:${s.page}`;
    const list = byPage.get(key);
    if (list) list.push(s);
    else byPage.set(key, [s]);
  }
  const human = db.sql.prepare(`SELECT id, code_id, document_id, page, start, end FROM live_codings WHERE ${HUMAN}`).all() as Span[];
  const recodes = new Set(db.sql.prepare('SELECT manual_coding_id FROM coding_decisions WHERE undone = 0 AND manual_coding_id IS NOT NULL').pluck().all() as number[]);
  return { segments, byPage, human, humanDocs: new Set(human.filter((h) => !recodes.has(h.id)).map((h) => h.document_id)), decisions: decisionsInForce(db) };
}

/**
 * A code's training examples. Positives: segments a person coded with it, and its accepted auto
 * or suggested codings. Negatives: its rejected codings (recodes included), and every other
 * segment of the documents people coded: coders give every code that applies to what they read
 * (the framework's labelling rule), so a segment they left without the code is evidence against
 * it. Segments that only carry accepted codings of other codes are not negatives: accepting one
 * coding says nothing about the codes nobody looked for there.
 */
function examples(corpus: Corpus, code: string): { pos: Set<number>; neg: Set<number> } {
  const pos = new Set<number>();
  const neg = new Set<number>();
  for (const h of corpus.human) {
    if (h.code_id !== code) continue;
    for (const s of corpus.byPage.get(`${h.document_id}:${h.page}`) ?? []) if (h.start < s.end && s.start < h.end) pos.add(s.id);
  }
  for (const d of corpus.decisions) if (d.code === code && d.decision === 'accept') pos.add(d.segmentId);
  for (const d of corpus.decisions) if (d.code === code && d.decision !== 'accept' && !pos.has(d.segmentId)) neg.add(d.segmentId);
  for (const s of corpus.segments) if (corpus.humanDocs.has(s.document_id) && !pos.has(s.id)) neg.add(s.id);
  return { pos, neg };
}

/** Deterministic shuffle (Fisher-Yates) with the given generator. */
function shuffled<T>(xs: T[], rand: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The lower end of the 95% Wilson score interval of a proportion k/n (0 when n is 0). */
export function wilsonLow(k: number, n: number): number {
  if (!n) return 0;
  const z = 1.96;
  const p = k / n;
  return (p + (z * z) / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
}

const prf = (tp: number, fp: number, fn: number) => {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
};

/** A linear SVM on the TF-IDF features (the screening model), trained on positives, the pseudo-positive and negatives. */
function train(f: FeatureSet, pos: number[], neg: number[], pseudo: number, seed: number): RelevanceModel {
  const model = new RelevanceModel(f.vectors, f.dimensions, SVM_DEFAULTS, seeded(seed));
  model.train(new Map<number, boolean>([...pos.map((i) => [i, true] as const), [pseudo, true], ...neg.map((i) => [i, false] as const)]));
  return model;
}

/**
 * Stratified k-fold cross-validation (k = 5, or fewer when there are fewer positives or
 * negatives): every positive and negative is scored by a model that did not see it. The scores
 * held out calibrate the final model's probabilities (Platt scaling), and precision and recall
 * are those of the held-out scores at the threshold.
 */
function crossValidate(f: FeatureSet, pos: number[], neg: number[], pseudo: number, threshold: number, seed: number) {
  const rand = seeded(seed);
  const folds = Math.min(5, pos.length, neg.length);
  const fold = new Map<number, number>();
  shuffled(pos, rand).forEach((i, k) => fold.set(i, k % folds));
  shuffled(neg, rand).forEach((i, k) => fold.set(i, k % folds));
  const scores: number[] = [];
  const labels: boolean[] = [];
  for (let k = 0; k < folds; k++) {
    const model = train(f, pos.filter((i) => fold.get(i) !== k), neg.filter((i) => fold.get(i) !== k), pseudo, seed);
    for (const i of pos) if (fold.get(i) === k) (scores.push(model.score(i)), labels.push(true));
    for (const i of neg) if (fold.get(i) === k) (scores.push(model.score(i)), labels.push(false));
  }
  const calibrate = plattScaling(scores, labels);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    const yes = calibrate(s) >= threshold;
    if (yes && labels[i]) tp++;
    else if (yes) fp++;
    else if (labels[i]) fn++;
  });
  const { precision, recall, f1 } = prf(tp, fp, fn);
  return { validation: { folds, threshold, precision, precisionLow: wilsonLow(tp, tp + fp), predicted: tp + fp, recall, f1 }, calibrate };
}

/**
 * Learns, per code, from what people coded and decided (see `examples`), with the code's label
 * and definition as one more positive; reports stratified cross-validated precision and recall;
 * withholds the code's proposals when that precision is below `minPrecision`; otherwise proposes
 * the code for at most `limit` segments not already coded with it, highest probability first,
 * flagging near-duplicates of a proposal instead of proposing them again.
 */
export function suggest(db: Db, options: SuggestOptions = {}): CodeSuggestions[] {
  const threshold = options.threshold ?? 0.5;
  const minPrecision = options.minPrecision ?? 0.6;
  const minExamples = options.minExamples ?? 5;
  const seed = options.seed ?? 1;
  const corpus = readCorpus(db);
  let codes: string[];
  if (options.code) {
    if (!db.sql.prepare('SELECT 1 FROM codes WHERE id = ?').get(options.code)) throw new UsageError('E_NO_CODE', `no code "${options.code}" in the project's frameworks (see \`litkit framework show\`)`);
    codes = [options.code];
  } else {
    codes = [...new Set([...corpus.human.map((h) => h.code_id), ...corpus.decisions.filter((d) => d.decision === 'accept').map((d) => d.code)])].sort();
  }
  if (!codes.length) throw new UsageError('E_NO_CODINGS', 'there is nothing to learn from: code some segments with `litkit code add`, or accept auto codings with `litkit code review`');
  const about = db.sql.prepare("SELECT label || '. ' || coalesce(definition, '') FROM codes WHERE id = ?").pluck();
  // One feature space for the segments and each code's label and definition (its pseudo-positive).
  const f = features([...corpus.segments.map((s) => s.text), ...codes.map((c) => about.get(c) as string)]);
  const index = new Map(corpus.segments.map((s, i) => [s.id, i]));
  const codedWith = db.sql.prepare("SELECT DISTINCT segment_id FROM live_codings WHERE code_id = ? AND segment_id IS NOT NULL AND NOT (coder = 'suggest' AND status IS NULL)").pluck();

  return codes.map((code, j) => {
    const { pos, neg } = examples(corpus, code);
    const coded = new Set(codedWith.all(code) as number[]);
    const candidates = corpus.segments.filter((s) => !pos.has(s.id) && !neg.has(s.id) && !coded.has(s.id));
    const result: CodeSuggestions = { code, positives: pos.size, negatives: neg.size, validation: null, note: null, withheld: false, candidates: candidates.length, above: 0, suggestions: [], duplicates: [], accepted: 0 };
    if (pos.size < minExamples || neg.size < minExamples) {
      result.note = `too few examples to learn from: ${pos.size} positive and ${neg.size} negative segments; at least ${minExamples} of each are needed`;
      return result;
    }
    const pseudo = corpus.segments.length + j;
    const posIdx = [...pos].map((id) => index.get(id)!);
    const negIdx = [...neg].map((id) => index.get(id)!);
    const { validation, calibrate } = crossValidate(f, posIdx, negIdx, pseudo, threshold, seed);
    result.validation = validation;
    // Held to the lower end of the interval, not the point estimate: 5 right of 5 held-out
    // predictions is precision 1.00 but could well be 0.6, and on the gold set such codes' actual
    // proposals were mostly wrong (the few negatives did not look like the candidates).
    if (validation.precisionLow < minPrecision) {
      result.withheld = true;
      result.note = `proposals withheld: cross-validated precision ${validation.precision.toFixed(2)} (${validation.predicted} held-out predictions; 95% interval from ${validation.precisionLow.toFixed(2)}) is not surely at least ${minPrecision.toFixed(2)}`;
      return result;
    }
    const model = train(f, posIdx, negIdx, pseudo, seed);
    const scored = candidates
      .map((s) => ({ s, p: calibrate(model.score(index.get(s.id)!)) }))
      .filter((x) => x.p >= threshold)
      .sort((a, b) => b.p - a.p || a.s.id - b.s.id);
    result.above = scored.length;
    const seen = new NearDuplicates<number>();
    const proposed: SegmentRow[] = [];
    const limit = options.limit ?? 20;
    for (const { s, p } of scored) {
      if (result.suggestions.length >= limit) break;
      const suggestion = { segmentId: s.id, documentId: s.document_id, page: s.page, citation: citeRow(s), excerpt: s.text, probability: p };
      const repeats = seen.find(s.text);
      if (repeats !== undefined) result.duplicates.push({ ...suggestion, duplicateOf: repeats });
      else {
        seen.add(s.id, s.text);
        result.suggestions.push(suggestion);
        proposed.push(s);
      }
    }
    if (options.accept) result.accepted = accept(db, code, proposed, result.suggestions, validation);
    return result;
  });
}

function accept(db: Db, code: string, rows: SegmentRow[], suggestions: Suggestion[], validation: Validation): number {
  return db.transaction(() => {
    db.sql.prepare("DELETE FROM codings WHERE coder = 'suggest' AND code_id = ? AND status IS NULL").run(code);
    const firstId = nextCodingId(db);
    const insert = db.sql.prepare(`INSERT INTO codings (code_id, document_id, segment_id, page, start, end, coder, rule, evidence, score, created_at)
      VALUES (?, ?, ?, ?, ?, ?, 'suggest', 'suggest', ?, ?, ?)`);
    const now = new Date().toISOString();
    suggestions.forEach((s, i) => {
      const { start, end } = rows[i]!;
      insert.run(code, s.documentId, s.segmentId, s.page, start, end, JSON.stringify({ model: 'tf-idf + linear SVM', probability: s.probability, validation }), s.probability, now);
    });
    applyDecisions(db, firstId);
    audit(db, 'suggest', 'code.suggest.accept', code, { codings: suggestions.length, validation });
    return suggestions.length;
  });
}
