import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import { UsageError } from '../../errors.js';
import { CITED_PARA, citeRow, type CitationColumns } from '../documents/citation.js';
import { audit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { isContentWord, stem, tokenize } from './text.js';

export interface SuggestOptions {
  /** One code; default: every code that has manual codings. */
  code?: string;
  /** Propose segments whose probability is at least this (default 0.7). */
  threshold?: number;
  /** Store the proposals as codings by coder `suggest` (replacing earlier ones of the code). */
  accept?: boolean;
  /** Most proposals listed per code (default 20). */
  limit?: number;
  /** Fewest positive examples for cross-validation and suggestions (default 8). */
  minExamples?: number;
}

export interface Validation {
  folds: number;
  precision: number;
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
  positives: number;
  negatives: number;
  validation: Validation | null;
  note: string | null;
  candidates: number;
  proposed: number;
  suggestions: Suggestion[];
  accepted: number;
}

interface SegmentRow extends CitationColumns {
  id: number;
  document_id: number;
  start: number;
  end: number;
  text: string;
}

const HUMAN = "coder NOT IN ('auto', 'suggest')";
const VOCABULARY = 300;

/** The features of a text: stems of its content words, once each. */
function features(text: string): string[] {
  const out = new Set<string>();
  for (const t of tokenize(text)) if (isContentWord(t.lower)) out.add(stem(t.lower));
  return [...out];
}

/** The stems that best tell positives from negatives (largest log-odds of presence, in two documents or more). */
function selectVocabulary(pos: string[][], neg: string[][]): Set<string> {
  const df = (docs: string[][]) => docs.reduce((m, d) => (d.forEach((f) => m.set(f, (m.get(f) ?? 0) + 1)), m), new Map<string, number>());
  const p = df(pos);
  const n = df(neg);
  const scored = [...new Set([...p.keys(), ...n.keys()])]
    .filter((f) => (p.get(f) ?? 0) + (n.get(f) ?? 0) >= 2)
    .map((f) => ({ f, score: Math.abs(Math.log(((p.get(f) ?? 0) + 1) / (pos.length + 2)) - Math.log(((n.get(f) ?? 0) + 1) / (neg.length + 2))) }))
    .sort((a, b) => b.score - a.score || a.f.localeCompare(b.f));
  return new Set(scored.slice(0, VOCABULARY).map((x) => x.f));
}

/** A naive Bayes model (natural's) over a selected vocabulary; returns P(code | text). */
function train(pos: string[][], neg: string[][]): (doc: string[]) => number {
  const vocab = selectVocabulary(pos, neg);
  const keep = (d: string[]) => d.filter((f) => vocab.has(f));
  const nb = new BayesClassifier();
  for (const d of pos) nb.addDocument(keep(d), 'yes');
  for (const d of neg) nb.addDocument(keep(d), 'no');
  nb.train();
  return (doc) => {
    const kept = keep(doc);
    if (!kept.length) return 0;
    const values = Object.fromEntries(nb.getClassifications(kept).map((c) => [c.label, c.value]));
    const yes = values.yes ?? 0;
    const no = values.no ?? 0;
    return yes + no > 0 ? yes / (yes + no) : 0;
  };
}

/** Stratified k-fold cross-validation (deterministic folds) of precision and recall at the threshold. */
function crossValidate(pos: string[][], neg: string[][], threshold: number): Validation {
  const folds = Math.min(5, pos.length);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let k = 0; k < folds; k++) {
    const model = train(pos.filter((_, i) => i % folds !== k), neg.filter((_, i) => i % folds !== k));
    pos.forEach((d, i) => {
      if (i % folds !== k) return;
      if (model(d) >= threshold) tp++;
      else fn++;
    });
    neg.forEach((d, i) => {
      if (i % folds === k && model(d) >= threshold) fp++;
    });
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { folds, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/**
 * Learns, per code, from the manual codings (documents a person has coded are the training set:
 * segments they coded with the code are positives, the rest negatives), reports cross-validated
 * precision and recall, and proposes the code for segments of documents no person has coded yet.
 */
export function suggest(db: Db, options: SuggestOptions = {}): CodeSuggestions[] {
  const threshold = options.threshold ?? 0.7;
  const minExamples = options.minExamples ?? 8;
  const codes = options.code
    ? [options.code]
    : (db.sql.prepare(`SELECT DISTINCT code_id FROM codings WHERE ${HUMAN} ORDER BY code_id`).pluck().all() as string[]);
  if (!codes.length) throw new UsageError('E_NO_CODINGS', 'there are no manual codings to learn from; code some segments with `litkit code add` first');
  const segments = db.sql
    .prepare(`SELECT s.id, s.document_id, s.page, s.start, s.end, s.text, ${CITED_PARA}, d.title, d.year, d.format, d.page_count
      FROM segments s JOIN documents d ON d.id = s.document_id ORDER BY s.id`)
    .all() as SegmentRow[];
  const reviewed = new Set(db.sql.prepare(`SELECT DISTINCT document_id FROM codings WHERE ${HUMAN}`).pluck().all() as number[]);
  const feats = new Map(segments.map((s) => [s.id, features(s.text)]));

  return codes.map((code) => {
    // A segment is a positive when a person's coding of the code overlaps it on its page.
    const spans = new Map<string, { start: number; end: number }[]>();
    for (const c of db.sql.prepare(`SELECT document_id, page, start, end FROM codings WHERE code_id = ? AND ${HUMAN}`).all(code) as { document_id: number; page: number; start: number; end: number }[]) {
      const key = `${c.document_id}:${c.page}`;
      const onPage = spans.get(key);
      if (onPage) onPage.push(c);
      else spans.set(key, [c]);
    }
    const pos: string[][] = [];
    const neg: string[][] = [];
    for (const s of segments) {
      if (!reviewed.has(s.document_id)) continue;
      const coded = spans.get(`${s.document_id}:${s.page}`)?.some((c) => c.start < s.end && s.start < c.end);
      (coded ? pos : neg).push(feats.get(s.id)!);
    }
    const candidates = segments.filter((s) => !reviewed.has(s.document_id));
    const result: CodeSuggestions = { code, positives: pos.length, negatives: neg.length, validation: null, note: null, candidates: candidates.length, proposed: 0, suggestions: [], accepted: 0 };
    if (pos.length < minExamples || neg.length < minExamples) {
      result.note = `too few examples to learn from: ${pos.length} coded and ${neg.length} uncoded segments in coded documents; at least ${minExamples} of each are needed`;
      return result;
    }
    result.validation = crossValidate(pos, neg, threshold);
    const model = train(pos, neg);
    const scored = candidates
      .map((s) => ({ s, p: model(feats.get(s.id)!) }))
      .filter((x) => x.p >= threshold)
      .sort((a, b) => b.p - a.p || a.s.id - b.s.id);
    result.proposed = scored.length;
    result.suggestions = scored.slice(0, options.limit ?? 20).map(({ s, p }) => ({
      segmentId: s.id,
      documentId: s.document_id,
      page: s.page,
      citation: citeRow(s),
      excerpt: s.text,
      probability: p,
    }));
    if (options.accept) result.accepted = accept(db, code, scored);
    return result;
  });
}

function accept(db: Db, code: string, scored: { s: SegmentRow; p: number }[]): number {
  return db.transaction(() => {
    db.sql.prepare("DELETE FROM codings WHERE coder = 'suggest' AND code_id = ?").run(code);
    const insert = db.sql.prepare(`INSERT INTO codings (code_id, document_id, segment_id, page, start, end, coder, score, created_at)
      VALUES (?, ?, ?, ?, ?, ?, 'suggest', ?, ?)`);
    const now = new Date().toISOString();
    for (const { s, p } of scored) insert.run(code, s.document_id, s.id, s.page, s.start, s.end, p, now);
    audit(db, 'suggest', 'code.suggest.accept', code, { codings: scored.length });
    return scored.length;
  });
}
