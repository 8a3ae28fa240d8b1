import type { Db } from '../store/db.js';
import { chunkScore, titleAbstractFeatures } from './feature-cache.js';
import { decisionsKey, readDuals, readScores, storeScores, type StoredScores } from './feature-scores.js';
import { bestCandidate, features, recordText, RelevanceModel, stoppingRun, type SparseVector } from './prioritise.js';
import { drawForReviewer } from './sample.js';
import { isFinal, NOT_RETRIEVED, stageRecords, stageStatuses, type Stage, type StageStatus } from './status.js';

export interface RecordSummary {
  id: number;
  title: string;
  abstract: string | null;
  authors: string[];
  year: number | null;
  journal: string | null;
  doi: string | null;
}

interface RecordRow {
  id: number;
  title: string;
  abstract: string | null;
  authors: string;
  year: number | null;
  journal: string | null;
  doi: string | null;
}

/** What the order of `screen next` rests on, said to the reviewer with every record. */
export type OrderBasis = 'full-text decisions' | 'title-abstract decisions' | 'random sample' | 'record order';

export interface NextRecord {
  record: RecordSummary | null;
  /** Records this reviewer may still screen at the stage (in a sample: the records not yet screened by anyone). */
  remaining: number;
  screened: number;
  /** Excludes in a row at the end of this reviewer's decisions: a long run suggests sampling for the stopping rule. */
  irrelevantRun: number;
  hint: string | null;
  order: OrderBasis;
  /** Why the order is what it is, in a sentence. */
  note: string;
}

/** Full texts are cut to this many characters for the model: the text of a long report would cost more than it tells. */
const FULL_TEXT_CHARS = 50_000;

const summary = (db: Db, id: number): RecordSummary => {
  const r = db.sql.prepare('SELECT id, title, abstract, authors, year, journal, doi FROM records WHERE id = ?').get(id) as RecordRow;
  return { ...r, authors: JSON.parse(r.authors) as string[] };
};

/**
 * The record to screen next at a stage. In the model's order by default: the record the model
 * ranks most likely relevant among those this reviewer may screen (not decided by them, not
 * settled, not in conflict). With `sample`, a record drawn at random for the stopping rule
 * (`screen stop`). The order's basis is returned with the record, never implied.
 */
export function nextRecord(db: Db, options: { stage?: Stage; reviewer: string; sample?: boolean }): NextRecord {
  const stage = options.stage ?? 'title-abstract';
  const eligible = stageRecords(db, stage);
  const statuses = stageStatuses(db, stage);
  const mine = new Set(db.sql.prepare('SELECT record_id FROM screening WHERE stage = ? AND reviewer = ?').pluck().all(stage, options.reviewer) as number[]);
  const history = db.sql.prepare('SELECT decision FROM screening WHERE stage = ? AND reviewer = ? ORDER BY decided_at DESC, id DESC').pluck().all(stage, options.reviewer) as string[];
  const run = history.findIndex((d) => d !== 'exclude');
  const irrelevantRun = run === -1 ? history.length : run;
  const hint =
    !options.sample && irrelevantRun >= stoppingRun(eligible.length)
      ? `the last ${irrelevantRun} records were all excluded: check \`litkit screen stop\` and screen a random sample (\`screen next --sample\`) until it says stop`
      : null;
  const base = { screened: mine.size, irrelevantRun, hint };
  if (options.sample) {
    const draw = drawForReviewer(db, stage, options.reviewer, eligible);
    return { ...base, record: draw.recordId === null ? null : summary(db, draw.recordId), remaining: draw.urnLeft, order: 'random sample', note: draw.note };
  }
  const candidates = eligible.filter((id) => !mine.has(id) && !isFinal(statuses.get(id)) && statuses.get(id)?.state !== 'conflict');
  const { first, remaining, basis, note } = stage === 'title-abstract' ? titleAbstractOrder(db, candidates) : fullTextOrder(db, eligible, statuses, candidates);
  return { ...base, record: first === undefined ? null : summary(db, first), remaining, order: basis, note };
}

/** The record to screen first and how many there are to screen: one is shown, so the rest are not sorted. */
type Ordered = { first: number | undefined; remaining: number; basis: OrderBasis; note: string };

/** Title-abstract labels: final includes against final excludes (maybe and unsettled records teach nothing). */
function titleAbstractLabels(db: Db): Map<number, boolean> {
  const labels = new Map<number, boolean>();
  for (const [id, s] of stageStatuses(db, 'title-abstract')) if (s.state === 'include' || s.state === 'exclude') labels.set(id, s.state === 'include');
  return labels;
}

function titleAbstractOrder(db: Db, candidates: number[]): Ordered {
  const labels = titleAbstractLabels(db);
  const counts = [...labels.values()];
  if (!counts.includes(true) || !counts.includes(false)) return { first: candidates[0], remaining: candidates.length, basis: 'record order', note: 'record order: the model needs a title-abstract include and an exclude to learn from' };
  const { ids, scores } = titleAbstractScores(db, labels);
  // Record ids are small positive integers: a typed array finds a record's score faster than a Map of 50,000.
  const position = new Int32Array((ids.at(-1) ?? 0) + 1);
  ids.forEach((id, i) => (position[id] = i));
  const first = bestCandidate(candidates, (id) => scores[position[id]!]!);
  return { first, remaining: candidates.length, basis: 'title-abstract decisions', note: `model's order, trained on ${counts.filter(Boolean).length} title-abstract includes and ${counts.filter((l) => !l).length} excludes` };
}

/**
 * Every record's score from the model trained on the title-abstract decisions: stored with the
 * decisions it was trained on, and read back while they stay the same; otherwise trained on the
 * decided records' vectors alone, going on from the stored solution (as one process does after
 * each decision), and every record scored from the stored chunks.
 */
function titleAbstractScores(db: Db, labels: Map<number, boolean>): StoredScores {
  const key = decisionsKey(labels);
  const stored = readScores(db, key);
  if (stored) return stored;
  const f = titleAbstractFeatures(db);
  const known = new Map([...labels].filter(([id]) => f.index.has(id)).map(([id, l]) => [f.index.get(id)!, l]));
  const previous = new Map([...(readDuals(db) ?? [])].filter(([id]) => f.index.has(id)).map(([id, a]) => [f.index.get(id)!, a]));
  // The model reads only the vectors of records decided now or in the solution it goes on from.
  const decided: SparseVector[] = [];
  for (const i of [...known.keys(), ...previous.keys()]) decided[i] = f.vector(i);
  const model = new RelevanceModel(decided, f.dimensions);
  model.resume(previous);
  model.train(known);
  const score = chunkScore(f, model);
  const value = { ids: Int32Array.from(f.ids), scores: Float64Array.from(f.ids, (_, i) => score(i)) };
  storeScores(db, f.builtAt, key, value, new Map([...model.duals()].map(([i, a]) => [f.ids[i]!, a])));
  return value;
}

/**
 * Full text is ranked by a model trained on full-text decisions, over the title, abstract and
 * full text (where one is attached). Until there is a full-text include and an exclude, every
 * record here is a title-abstract include, so a model of this stage has nothing to tell apart:
 * the title-abstract model then ranks them (records most like its includes first), and says so.
 */
function fullTextOrder(db: Db, eligible: number[], statuses: Map<number, StageStatus>, candidates: number[]): Ordered {
  const labels = new Map<number, boolean>();
  for (const id of eligible) {
    const s = statuses.get(id);
    if (s?.state === 'include') labels.set(id, true);
    else if (s?.state === 'exclude' && !NOT_RETRIEVED.test(s.reason ?? '')) labels.set(id, false);
  }
  const counts = [...labels.values()];
  if (counts.includes(true) && counts.includes(false)) {
    const text = db.sql.prepare(`SELECT r.title, r.abstract, r.keywords, (SELECT substr(group_concat(p.text, ' '), 1, ${FULL_TEXT_CHARS}) FROM (SELECT text FROM pages WHERE document_id = r.document_id ORDER BY number) p) AS body FROM records r WHERE r.id = ?`);
    const texts = eligible.map((id) => {
      const r = text.get(id) as { title: string; abstract: string | null; keywords: string; body: string | null };
      return `${recordText(r.title, r.abstract, JSON.parse(r.keywords) as string[])} ${r.body ?? ''}`;
    });
    const { vectors, dimensions } = features(texts);
    const index = new Map(eligible.map((id, i) => [id, i]));
    const known = new Map([...labels].map(([id, l]) => [index.get(id)!, l]));
    const model = new RelevanceModel(vectors, dimensions);
    model.train(known);
    const best = bestCandidate(candidates.map((id) => index.get(id)!), (i) => model.score(i));
    return { first: best === undefined ? undefined : eligible[best], remaining: candidates.length, basis: 'full-text decisions', note: `model's order, trained on ${counts.filter(Boolean).length} full-text includes and ${counts.filter((l) => !l).length} excludes (title, abstract and attached full text)` };
  }
  const missing = counts.includes(true) ? 'exclude' : counts.includes(false) ? 'include' : 'include or exclude';
  const fallback = titleAbstractOrder(db, candidates);
  if (fallback.basis === 'record order') return { ...fallback, note: `record order: no full-text ${missing} yet, and no title-abstract model to fall back on` };
  return { ...fallback, note: `no full-text ${missing} yet, so ordered by the title-abstract model (records most like its includes first) until there is one` };
}
