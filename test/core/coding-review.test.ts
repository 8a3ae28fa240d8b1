import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addCoding,
  autocode,
  decideCoding,
  frameworkStats,
  getCoding,
  listCodings,
  nextForReview,
  undoLastDecision,
  type CodingInfo,
} from '../../src/core/coding/index.js';
import { matrix, runQuery } from '../../src/core/query/index.js';
import { buildReportModel } from '../../src/core/render/model.js';
import { LitkitError } from '../../src/errors.js';
import { CORPUS } from '../helpers.js';
import { codedProject, type CodedProject } from './coding-fixture.js';

const FILES = [
  path.join(CORPUS, 'reports', 'workforce-data-note.txt'),
  path.join(CORPUS, 'transcripts', 'interview-transcript-07.txt'),
  path.join(CORPUS, 'surveys', 'survey-free-text-comments.txt'),
];

describe('reviewing auto codings', () => {
  let p: CodedProject;
  /** The leaf code with the most auto codings, and its codings in document order. */
  let code: string;
  let codings: CodingInfo[];
  const segmentsOf = (query: string) => runQuery(p.db, query, { limit: 1000 }).excerpts.map((e) => e.segmentId);
  const segmentOf = (c: CodingInfo) => p.db.sql.prepare('SELECT segment_id FROM codings WHERE id = ?').pluck().get(c.id) as number;
  /** The auto coding of a code on a segment, as it is now (ids change when `code auto` re-runs). */
  const autoOn = (codeId: string, segment: number) =>
    p.db.sql.prepare("SELECT id, status FROM codings WHERE coder = 'auto' AND code_id = ? AND segment_id = ?").get(codeId, segment) as { id: number; status: string | null };

  beforeEach(async () => {
    p = await codedProject(FILES);
    code = p.db.sql
      .prepare("SELECT code_id FROM codings WHERE coder = 'auto' AND code_id NOT IN (SELECT parent_id FROM codes WHERE parent_id IS NOT NULL) GROUP BY code_id HAVING count(DISTINCT document_id) >= 2 ORDER BY count(*) DESC, code_id LIMIT 1")
      .pluck()
      .get() as string;
    codings = listCodings(p.db, { code, coder: 'auto' });
    expect(codings.length).toBeGreaterThanOrEqual(4);
  });
  afterEach(() => p.close());

  it('stores a confidence in [0, 1] with each auto coding, kept in its evidence too', () => {
    for (const c of listCodings(p.db, { coder: 'auto' })) {
      expect(c.score).toBeGreaterThan(0);
      expect(c.score).toBeLessThan(1);
      expect((c.evidence as { confidence: { score: number } }).confidence.score).toBe(c.score);
    }
  });

  it('offers unreviewed codings lowest confidence first, past skipped ones, within a code', () => {
    const all = listCodings(p.db, { status: 'unreviewed' });
    const lowest = Math.min(...all.map((c) => c.score!));
    const first = nextForReview(p.db);
    expect(first.coding!.score).toBe(lowest);
    expect(first.remaining).toBe(all.length);
    const second = nextForReview(p.db, { skip: [first.coding!.id] });
    expect(second.coding!.id).not.toBe(first.coding!.id);
    expect(second.coding!.score).toBeGreaterThanOrEqual(lowest);
    const mine = nextForReview(p.db, { code });
    expect(mine.coding!.code).toBe(code);
    expect(mine.remaining).toBe(codings.length);
  });

  it('drops a rejected coding from queries, the matrix and the report, and keeps an accepted one', async () => {
    const [rejected, accepted] = [codings[0]!, codings.find((c) => c.documentId === codings[0]!.documentId && c.id !== codings[0]!.id) ?? codings[1]!];
    const cell = (doc: number) => {
      const m = matrix(p.db, { codes: code, columns: 'docs' });
      return m.cells[m.rows.indexOf(code)]![m.columns.findIndex((c) => c.startsWith(`${doc}:`))]!;
    };
    const before = { cell: cell(rejected.documentId), report: (await buildReportModel(p.db, { quotes: 100 })).byId[code]! };
    expect(segmentsOf(code)).toEqual(expect.arrayContaining([segmentOf(rejected), segmentOf(accepted)]));

    decideCoding(p.db, rejected.id, 'reject', { coder: 'amina' });
    decideCoding(p.db, accepted.id, 'accept', { coder: 'amina' });

    expect(segmentsOf(code)).not.toContain(segmentOf(rejected));
    expect(segmentsOf(code)).toContain(segmentOf(accepted));
    expect(segmentsOf(`NOT ${code}`)).toContain(segmentOf(rejected));
    expect(cell(rejected.documentId)).toBe(before.cell - 1);
    const report = (await buildReportModel(p.db, { quotes: 100 })).byId[code]!;
    expect(report.excerpts).toBe(before.report.excerpts - 1);
    expect(report.quotes.map((q) => q.segmentId)).not.toContain(segmentOf(rejected));
    expect(listCodings(p.db, { status: 'rejected' }).map((c) => c.id)).toEqual([rejected.id]);
    expect(listCodings(p.db, { status: 'accepted' }).map((c) => c.id)).toEqual([accepted.id]);
    expect(nextForReview(p.db, { code }).remaining).toBe(codings.length - 2);
  });

  it('keeps decisions, and a recode\'s coding, when `code auto` runs again', () => {
    const [a, b, c] = codings.map((x) => ({ ...x, segment: segmentOf(x) }));
    const other = p.db.sql.prepare("SELECT id FROM codes WHERE id <> ? AND id LIKE '%.%' ORDER BY position LIMIT 1").pluck().get(code) as string;
    decideCoding(p.db, a!.id, 'reject', { coder: 'amina' });
    decideCoding(p.db, b!.id, 'accept', { coder: 'amina' });
    const recode = decideCoding(p.db, c!.id, 'recode', { coder: 'amina', recodeTo: other });

    const report = autocode(p.db);
    expect(report.reviewed).toBe(3);
    expect(autoOn(code, a!.segment)).toMatchObject({ status: 'rejected' });
    expect(autoOn(code, a!.segment).id).not.toBe(a!.id); // a new row: the decision was re-applied, not left behind
    expect(autoOn(code, b!.segment)).toMatchObject({ status: 'accepted' });
    expect(autoOn(code, c!.segment)).toMatchObject({ status: 'rejected' });
    const manual = getCoding(p.db, recode.manualCodingId!);
    expect(manual).toMatchObject({ code: other, coder: 'amina', documentId: c!.documentId, page: c!.page, start: c!.start, end: c!.end, status: null });
    expect(segmentsOf(`${other} AND coder:amina`)).toContain(c!.segment);
  });

  it('undoes a reviewer\'s latest decision: the status returns, and a recode\'s coding goes', () => {
    const [a, b] = codings;
    const other = p.db.sql.prepare("SELECT id FROM codes WHERE id <> ? AND id LIKE '%.%' ORDER BY position LIMIT 1").pluck().get(code) as string;
    decideCoding(p.db, a!.id, 'reject', { coder: 'amina' });
    const recode = decideCoding(p.db, b!.id, 'recode', { coder: 'amina', recodeTo: other });
    expect(undoLastDecision(p.db, 'ben')).toBeUndefined(); // ben decided nothing

    const undone = undoLastDecision(p.db, 'amina')!;
    expect(undone).toMatchObject({ decision: 'recode', codingId: b!.id, recodedTo: other });
    expect(() => getCoding(p.db, recode.manualCodingId!)).toThrow(/no coding/);
    expect(getCoding(p.db, b!.id).status).toBeNull();

    expect(undoLastDecision(p.db, 'amina')).toMatchObject({ decision: 'reject', codingId: a!.id });
    expect(getCoding(p.db, a!.id).status).toBeNull();
    expect(segmentsOf(code)).toContain(segmentOf(a!));
    expect(undoLastDecision(p.db, 'amina')).toBeUndefined();
    const actions = p.db.sql.prepare("SELECT action FROM audit_log WHERE action LIKE 'coding.review%' ORDER BY id").pluck().all();
    expect(actions).toEqual(['coding.review', 'coding.review', 'coding.review.undo', 'coding.review.undo']);
  });

  it('refuses what cannot be decided, writing nothing', () => {
    const [a] = codings;
    const manual = addCoding(p.db, code, { segmentId: segmentOf(a!) }, 'amina');
    const error = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err as LitkitError;
      }
      throw new Error('expected an error');
    };
    expect(error(() => decideCoding(p.db, manual.id, 'reject', { coder: 'ben' })).code).toBe('E_NOT_REVIEWABLE');
    expect(error(() => decideCoding(p.db, a!.id, 'recode', { coder: 'ben' })).code).toBe('E_USAGE');
    expect(error(() => decideCoding(p.db, a!.id, 'recode', { coder: 'ben', recodeTo: 'no.such.code' })).code).toBe('E_NO_CODE');
    expect(error(() => decideCoding(p.db, 999999, 'accept', { coder: 'ben' })).code).toBe('E_NO_CODING');
    expect(p.db.sql.prepare('SELECT count(*) FROM coding_decisions').pluck().get()).toBe(0);
    expect(getCoding(p.db, a!.id).status).toBeNull();
  });

  it('gives per code and per rule precision from the decisions in force', () => {
    const [a, b, c] = codings;
    const other = p.db.sql.prepare("SELECT id FROM codes WHERE id <> ? AND id LIKE '%.%' ORDER BY position LIMIT 1").pluck().get(code) as string;
    decideCoding(p.db, a!.id, 'accept', { coder: 'amina' });
    decideCoding(p.db, b!.id, 'reject', { coder: 'amina' });
    decideCoding(p.db, c!.id, 'recode', { coder: 'amina', recodeTo: other });
    const stats = () => frameworkStats(p.db, 'race-equality').find((s) => s.code === code)!;
    // By hand: 3 reviewed, 1 accepted, 2 rejected (a recode rejects).
    expect(stats()).toMatchObject({ codings: codings.length, reviewed: 3, accepted: 1, rejected: 2 });
    expect(stats().precision).toBeCloseTo(1 / 3, 10);
    // A later reviewer's decision on the same coding replaces the earlier one: now 2 of 3.
    decideCoding(p.db, b!.id, 'accept', { coder: 'ben' });
    expect(stats()).toMatchObject({ reviewed: 3, accepted: 2, rejected: 1 });
    // Per rule: each decision counts for every rule that fired on its coding.
    const rulesOf = (x: CodingInfo) => (x.evidence as { confidence: { rules: string[] } }).confidence.rules;
    const rule = rulesOf(a!)[0]!;
    const expected = [a, b, c].filter((x) => rulesOf(x!).includes(rule));
    const row = stats().rules.find((r) => r.rule === rule)!;
    expect(row.reviewed).toBe(expected.length);
    expect(row.accepted).toBe(expected.filter((x) => x !== c).length);
    expect(row.codings).toBe(codings.filter((x) => rulesOf(x).includes(rule)).length);
    expect(frameworkStats(p.db, 'race-equality').find((s) => s.code === other)).toMatchObject({ reviewed: 0, precision: null });
  });
});
