import { UsageError } from '../../errors.js';
import { CITED_PARA, citeRow, type CitationColumns } from '../documents/citation.js';
import { audit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { resolveFramework } from './framework/store.js';
import { addCoding, getCoding, type CodingInfo } from './manual.js';

export const CODING_DECISIONS = ['accept', 'reject', 'recode'] as const;
export type CodingDecision = (typeof CODING_DECISIONS)[number];

/** Coders whose codings a person reviews; a person's own codings are never reviewed. */
export const REVIEWABLE = "('auto', 'suggest')";

/** A decision on a coding as recorded. */
export interface DecisionInfo {
  id: number;
  codingId: number;
  code: string;
  decision: CodingDecision;
  recodedTo: string | null;
  /** The coding of the new code that a recode added. */
  manualCodingId: number | null;
  coder: string;
  rules: string[];
  decidedAt: string;
  citation: string;
}

interface CodingKeyRow {
  id: number;
  code_id: string;
  coder: string;
  segment_id: number | null;
  document_id: number;
  page: number;
  start: number;
  end: number;
  rule: string | null;
  evidence: string | null;
}

interface DecisionRow {
  id: number;
  code_id: string;
  segment_id: number;
  page: number;
  start: number;
  end: number;
  coder: string;
  decision: CodingDecision;
  recoded_to: string | null;
  manual_coding_id: number | null;
  rules: string;
  decided_at: string;
}

/**
 * The status a coding gets from the latest decision (not undone) on its code, segment and an
 * overlapping span; NULL when there is none. One expression, used when `code auto` or `code
 * suggest` re-inserts codings and when a decision is made or undone.
 */
const STATUS_FROM_DECISIONS = `(SELECT CASE d.decision WHEN 'accept' THEN 'accepted' ELSE 'rejected' END FROM coding_decisions d
  WHERE d.code_id = codings.code_id AND d.segment_id = codings.segment_id AND d.undone = 0
    AND d.page = codings.page AND d.start < codings.end AND codings.start < d.end
  ORDER BY d.id DESC LIMIT 1)`;

/** Re-applies the review decisions to the auto and suggested codings with an id of at least `fromId`; returns how many got a status. */
export function applyDecisions(db: Db, fromId: number): number {
  db.sql
    .prepare(`UPDATE codings SET status = ${STATUS_FROM_DECISIONS} WHERE id >= ? AND coder IN ${REVIEWABLE}
      AND EXISTS (SELECT 1 FROM coding_decisions d WHERE d.code_id = codings.code_id AND d.segment_id = codings.segment_id)`)
    .run(fromId);
  return db.sql.prepare(`SELECT count(*) FROM codings WHERE id >= ? AND status IS NOT NULL`).pluck().get(fromId) as number;
}

/** The id the next inserted coding will have at least: codings inserted after this call are `>=` it. */
export function nextCodingId(db: Db): number {
  return (db.sql.prepare('SELECT coalesce(max(id), 0) + 1 FROM codings').pluck().get() as number);
}

function refreshStatus(db: Db, code: string, segmentId: number): void {
  db.sql.prepare(`UPDATE codings SET status = ${STATUS_FROM_DECISIONS} WHERE code_id = ? AND segment_id = ? AND coder IN ${REVIEWABLE}`).run(code, segmentId);
}

/** The rules that fired for a coding and the words they matched, from its evidence. */
export function codingEvidence(row: { coder: string; rule: string | null; evidence: string | null }): { rules: string[]; matched: string[] } {
  if (row.coder === 'suggest') return { rules: ['suggest'], matched: [] };
  const ev = row.evidence ? (JSON.parse(row.evidence) as { hits?: { rule: string; text: string }[]; confidence?: { rules?: string[] } }) : {};
  const hits = ev.hits ?? [];
  const rules = ev.confidence?.rules ?? [...new Set(hits.map((h) => h.rule))];
  return { rules: rules.length ? rules : row.rule ? [row.rule] : [], matched: [...new Set(hits.map((h) => h.text.toLowerCase()))] };
}

function toInfo(db: Db, r: DecisionRow, codingId: number): DecisionInfo {
  const place = db.sql
    .prepare(`SELECT d.title, d.year, d.format, d.page_count, s.page, ${CITED_PARA} FROM segments s JOIN documents d ON d.id = s.document_id WHERE s.id = ?`)
    .get(r.segment_id) as CitationColumns;
  return {
    id: r.id,
    codingId,
    code: r.code_id,
    decision: r.decision,
    recodedTo: r.recoded_to,
    manualCodingId: r.manual_coding_id,
    coder: r.coder,
    rules: JSON.parse(r.rules) as string[],
    decidedAt: r.decided_at,
    citation: citeRow(place),
  };
}

/**
 * Records a reviewer's decision on an auto or suggested coding: accept, reject, or recode (a
 * reject plus a coding of `recodeTo` by the reviewer on the same span, which `code auto` never
 * replaces). The coding's status follows at once, and again after every re-run of `code auto`.
 */
export function decideCoding(db: Db, codingId: number, decision: CodingDecision, options: { coder: string; recodeTo?: string }): DecisionInfo {
  if (!CODING_DECISIONS.includes(decision)) throw new UsageError('E_USAGE', `a decision is accept, reject or recode, got "${decision}"`);
  const k = db.sql.prepare('SELECT id, code_id, coder, segment_id, document_id, page, start, end, rule, evidence FROM codings WHERE id = ?').get(codingId) as CodingKeyRow | undefined;
  if (!k) throw new UsageError('E_NO_CODING', `no coding with id ${codingId} (see \`litkit code list\`)`);
  if ((k.coder !== 'auto' && k.coder !== 'suggest') || k.segment_id === null) {
    throw new UsageError('E_NOT_REVIEWABLE', `coding ${codingId} is by ${k.coder}, not auto or suggest; only those are reviewed (remove a person's coding with \`litkit code rm\`)`);
  }
  if (decision === 'recode') {
    if (!options.recodeTo) throw new UsageError('E_USAGE', 'recode needs the new code id');
    if (options.recodeTo === k.code_id) throw new UsageError('E_USAGE', `coding ${codingId} already has code ${k.code_id}; accept it instead`);
  } else if (options.recodeTo) throw new UsageError('E_USAGE', `only recode takes a new code; ${decision} does not`);
  const segmentId = k.segment_id;
  const { rules, matched } = codingEvidence(k);
  const row = db.transaction(() => {
    // addCoding refuses an unknown code, and the whole decision with it.
    const manual = decision === 'recode' ? addCoding(db, options.recodeTo!, { documentId: k.document_id, page: k.page, start: k.start, end: k.end }, options.coder).id : null;
    const r = db.sql
      .prepare(`INSERT INTO coding_decisions (code_id, segment_id, page, start, end, matched, rules, coder, decision, recoded_to, manual_coding_id, decided_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`)
      .get(k.code_id, segmentId, k.page, k.start, k.end, JSON.stringify(matched), JSON.stringify(rules), options.coder, decision, options.recodeTo ?? null, manual, new Date().toISOString()) as DecisionRow;
    refreshStatus(db, k.code_id, segmentId);
    audit(db, options.coder, 'coding.review', String(codingId), { decision, code: k.code_id, recodedTo: options.recodeTo ?? null, manualCodingId: manual, rules, segmentId });
    return r;
  });
  return toInfo(db, row, codingId);
}

/**
 * Takes back a reviewer's latest decision that is still in force: the coding's status returns to
 * what earlier decisions say (or unreviewed), and a recode's added coding is removed.
 */
export function undoLastDecision(db: Db, coder: string): DecisionInfo | undefined {
  // codingId in the answer is the coding the decision was on as it is now (0 if `code auto` no longer makes it).
  const last = db.sql.prepare('SELECT * FROM coding_decisions WHERE coder = ? AND undone = 0 ORDER BY id DESC LIMIT 1').get(coder) as DecisionRow | undefined;
  if (!last) return undefined;
  db.transaction(() => {
    db.sql.prepare('UPDATE coding_decisions SET undone = 1 WHERE id = ?').run(last.id);
    if (last.manual_coding_id !== null) db.sql.prepare('DELETE FROM codings WHERE id = ? AND coder = ?').run(last.manual_coding_id, coder);
    refreshStatus(db, last.code_id, last.segment_id);
    audit(db, coder, 'coding.review.undo', String(last.id), { decision: last.decision, code: last.code_id, segmentId: last.segment_id, removedCoding: last.manual_coding_id });
  });
  const coding = db.sql
    .prepare(`SELECT id FROM codings WHERE code_id = ? AND segment_id = ? AND page = ? AND start < ? AND ? < end AND coder IN ${REVIEWABLE} ORDER BY id LIMIT 1`)
    .pluck()
    .get(last.code_id, last.segment_id, last.page, last.end, last.start) as number | undefined;
  return toInfo(db, { ...last }, coding ?? 0);
}

export interface ReviewFilter {
  /** A code id; `employment.*` for its sub-codes, `employment*` for both (as `code list`). */
  code?: string;
  framework?: string;
  /** Codings not to offer again (skipped in this session). */
  skip?: number[];
}

/** The next unreviewed auto or suggested coding, lowest confidence first, and how many remain. */
export function nextForReview(db: Db, filter: ReviewFilter = {}): { coding: CodingInfo | null; remaining: number } {
  const where = [`k.coder IN ${REVIEWABLE}`, 'k.status IS NULL', 'k.id NOT IN (SELECT value FROM json_each(?))'];
  const params: unknown[] = [JSON.stringify(filter.skip ?? [])];
  if (filter.code) {
    where.push(filter.code.includes('*') ? 'k.code_id GLOB ?' : 'k.code_id = ?');
    params.push(filter.code);
  }
  if (filter.framework) {
    resolveFramework(db, filter.framework);
    where.push('k.code_id IN (SELECT id FROM codes WHERE framework_id = ?)');
    params.push(filter.framework);
  }
  const sql = `FROM codings k WHERE ${where.join(' AND ')}`;
  const remaining = db.sql.prepare(`SELECT count(*) ${sql}`).pluck().get(...params) as number;
  const id = db.sql.prepare(`SELECT k.id ${sql} ORDER BY coalesce(k.score, 0), k.id LIMIT 1`).pluck().get(...params) as number | undefined;
  return { coding: id === undefined ? null : getCoding(db, id), remaining };
}
