import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conflicts, decide, includedStudies, nextRecord, prismaCounts, prismaSvg, readForm, resolve, screeningAgreement, setForm, stageStatuses, type PrismaCounts } from '../../src/core/review/index.js';
import type { Db } from '../../src/core/store/index.js';
import { setSetting } from '../../src/core/store/settings.js';
import { tempDir } from '../helpers.js';
import { projectWith } from './review-project.js';

/** PRISMA's boxes add up: each equation is one a reader of the diagram checks. */
function expectReconciles(p: PrismaCounts): void {
  expect(p.identifiedTotal - p.duplicatesRemoved).toBe(p.screened + p.awaitingScreening);
  expect(p.screened - p.excludedAtScreening).toBe(p.soughtForRetrieval);
  expect(p.soughtForRetrieval).toBe(p.notRetrieved + p.assessedForEligibility + p.awaitingAssessment);
  expect(p.assessedForEligibility - p.excludedWithReasons.reduce((a, r) => a + r.reports, 0)).toBe(p.included);
}

describe('reconciling several reviewers: one rule for PRISMA, conflicts and the table of studies', () => {
  let dir: string;
  let db: Db;
  beforeEach(async () => {
    dir = tempDir();
    db = await projectWith(dir, ['Mentoring and promotion of staff of African descent', 'Pay gaps by ethnicity in a hospital', 'Canteen menus and staff morale']);
    setForm(db, readForm('study'));
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("gives the issue's two-reviewer case the same numbers in PRISMA, conflicts and the table of studies, before and after a resolution", () => {
    decide(db, 1, 'include', { reviewer: 'a' });
    decide(db, 2, 'include', { reviewer: 'a' });
    decide(db, 3, 'exclude', { reviewer: 'a' });
    // Reviewer a includes record 1 at full text and excludes record 2; reviewer b then excludes record 1.
    decide(db, 1, 'include', { stage: 'full-text', reviewer: 'a' });
    decide(db, 2, 'exclude', { stage: 'full-text', reviewer: 'a', reason: 'wrong population' });
    decide(db, 1, 'exclude', { stage: 'full-text', reviewer: 'b', reason: 'wrong outcome' });

    const before = prismaCounts(db);
    expect(before).toMatchObject({ screened: 3, excludedAtScreening: 1, soughtForRetrieval: 2, notRetrieved: 0, assessedForEligibility: 1, included: 0, awaitingAssessment: 1, unresolvedConflicts: 1 });
    expect(before.excludedWithReasons).toEqual([{ reason: 'wrong population', reports: 1 }]);
    expect(before.assessmentPending.conflicts).toBe(1);
    expectReconciles(before);
    expect(conflicts(db, 'full-text').map((c) => c.recordId)).toEqual([1]);
    expect(includedStudies(db).studies).toEqual([]);
    expect(prismaSvg(before)).toContain('pending: 1 unresolved conflict');

    resolve(db, 1, 'include', { stage: 'full-text', resolver: 'c' });
    const after = prismaCounts(db);
    expect(after).toMatchObject({ soughtForRetrieval: 2, assessedForEligibility: 2, included: 1, awaitingAssessment: 0, unresolvedConflicts: 0 });
    expectReconciles(after);
    expect(conflicts(db, 'full-text')).toEqual([]);
    expect(includedStudies(db).studies.map((s) => s.recordId)).toEqual([1]);
    // The reviewers' own decisions stay, for agreement: a and b disagree on the one record both saw.
    expect(screeningAgreement(db, 'full-text')).toEqual([expect.objectContaining({ reviewers: ['a', 'b'], units: 1, percentAgreement: 0 })]);
  });

  it('with double screening, one reviewer is not enough; exclusions for different reasons conflict; maybe waits', () => {
    setSetting(db, 'screening', 'double');
    decide(db, 1, 'include', { reviewer: 'a' });
    decide(db, 2, 'include', { reviewer: 'a' });
    decide(db, 2, 'maybe', { reviewer: 'b' }); // include and maybe both go forward at title-abstract
    decide(db, 3, 'exclude', { reviewer: 'a' });
    decide(db, 3, 'include', { reviewer: 'b' });
    const ta = stageStatuses(db, 'title-abstract');
    expect([ta.get(1)!.state, ta.get(2)!.state, ta.get(3)!.state]).toEqual(['awaiting-reviewer', 'include', 'conflict']);
    let p = prismaCounts(db);
    expect(p).toMatchObject({ screened: 1, soughtForRetrieval: 1, awaitingScreening: 2, screeningPending: { conflicts: 1, awaitingReviewer: 1, undecided: 0, notStarted: 0 } });
    expectReconciles(p);
    // The second reviewer is offered record 1, which waits for them; the conflict waits for a resolution.
    expect(nextRecord(db, { reviewer: 'b' }).record?.id).toBe(1);
    expect(nextRecord(db, { reviewer: 'c' }).record?.id).toBe(1);

    decide(db, 2, 'exclude', { stage: 'full-text', reviewer: 'a', reason: 'wrong population' });
    decide(db, 2, 'exclude', { stage: 'full-text', reviewer: 'b', reason: 'wrong outcome' });
    expect(stageStatuses(db, 'full-text').get(2)!.state).toBe('conflict');
    decide(db, 2, 'exclude', { stage: 'full-text', reviewer: 'b', reason: 'wrong population' });
    expect(stageStatuses(db, 'full-text').get(2)).toMatchObject({ state: 'exclude', reason: 'wrong population', by: 'agreement' });
    decide(db, 2, 'maybe', { stage: 'full-text', reviewer: 'b' });
    p = prismaCounts(db);
    expect(p.assessmentPending).toEqual({ conflicts: 0, awaitingReviewer: 0, undecided: 1, notStarted: 0 });
    expectReconciles(p);
  });

  it('counts a full-text exclusion "not retrieved" in its own box, not among the assessed', () => {
    decide(db, 1, 'include', { reviewer: 'a' });
    decide(db, 2, 'include', { reviewer: 'a' });
    decide(db, 1, 'exclude', { stage: 'full-text', reviewer: 'a', reason: 'not retrievable' });
    const p = prismaCounts(db);
    expect(p).toMatchObject({ soughtForRetrieval: 2, notRetrieved: 1, assessedForEligibility: 0, awaitingAssessment: 1, excludedWithReasons: [] });
    expectReconciles(p);
  });
});

describe('full-text screening in the order of full-text decisions', () => {
  let dir: string;
  let db: Db;
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ranks by full-text decisions once there is an include and an exclude, and says when it falls back to title-abstract', async () => {
    dir = tempDir();
    db = await projectWith(dir, [
      'Randomised trial of mentoring for staff promotion', // 1: full-text include
      'Case report of mentoring for staff promotion in one hospital ward', // 2: full-text exclude
      'Case report of mentoring for staff promotion and retention of staff in one hospital', // 3: like 2, and more like the title-abstract includes
      'Randomised trial of coaching', // 4: like 1
      'Canteen menus and staff morale', // 5, 6: title-abstract excludes
      'Parking permits at headquarters',
    ]);
    for (const id of [1, 2, 3, 4]) decide(db, id, 'include', { reviewer: 'a' });
    for (const id of [5, 6]) decide(db, id, 'exclude', { reviewer: 'a' });

    // Reviewer a has read 1 and 2 without deciding: 3 and 4 are left, and nothing at full text to learn from.
    decide(db, 1, 'maybe', { stage: 'full-text', reviewer: 'a' });
    decide(db, 2, 'maybe', { stage: 'full-text', reviewer: 'a' });
    const first = nextRecord(db, { stage: 'full-text', reviewer: 'a' });
    expect(first).toMatchObject({ order: 'title-abstract decisions', remaining: 2, record: { id: 3 } });
    expect(first.note).toMatch(/^no full-text include or exclude yet, so ordered by the title-abstract model/);

    decide(db, 1, 'include', { stage: 'full-text', reviewer: 'a' });
    expect(nextRecord(db, { stage: 'full-text', reviewer: 'a' }).note).toMatch(/^no full-text exclude yet/);
    decide(db, 2, 'exclude', { stage: 'full-text', reviewer: 'a', reason: 'wrong design' });
    const next = nextRecord(db, { stage: 'full-text', reviewer: 'a' });
    // The full-text model learnt that trials go forward and case reports do not: record 4 comes before 3.
    expect(next).toMatchObject({ order: 'full-text decisions', remaining: 2, record: { id: 4 } });
    expect(next.note).toBe("model's order, trained on 1 full-text includes and 1 excludes (title, abstract and attached full text)");
  });
});
