import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decide, exclusionReasons, prismaCounts, resolve } from '../../src/core/review/index.js';
import type { Db } from '../../src/core/store/index.js';
import { setSetting } from '../../src/core/store/settings.js';
import { tempDir } from '../helpers.js';
import { projectWith } from './review-project.js';

describe('exclusion reasons held to the project list', () => {
  let dir: string;
  let db: Db;
  const reasons = () => db.sql.prepare("SELECT stage, reason FROM screening WHERE decision = 'exclude' ORDER BY id").all();
  beforeEach(async () => {
    dir = tempDir();
    db = await projectWith(dir, ['Mentoring and promotion of staff of African descent', 'Pay gaps by ethnicity in a hospital', 'Canteen menus and staff morale']);
    setSetting(db, 'exclusion-reasons', 'wrong population; wrong outcome');
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a reason outside the list at every stage with one line naming the allowed ones, exit 2, writing nothing', () => {
    for (const stage of ['title-abstract', 'full-text'] as const) {
      let err: (Error & { code?: string; exitCode?: number }) | undefined;
      try {
        decide(db, 3, 'exclude', { stage, reason: 'boring', reviewer: 'a' });
      } catch (e) {
        err = e as Error;
      }
      expect(err?.code).toBe('E_REASON');
      expect(err?.exitCode).toBe(2);
      expect(err?.message).toBe('"boring" is not one of the project\'s exclusion reasons: wrong population; wrong outcome (--new-reason adds it to the list)');
    }
    expect(() => resolve(db, 3, 'exclude', { stage: 'full-text', reason: 'boring', resolver: 'c' })).toThrow(/not one of the project's exclusion reasons/);
    expect(reasons()).toEqual([]);
  });

  it('stores a listed reason as the list spells it, so PRISMA counts it once', () => {
    decide(db, 1, 'include', { reviewer: 'a' });
    decide(db, 2, 'include', { reviewer: 'a' });
    decide(db, 1, 'exclude', { stage: 'full-text', reason: 'Wrong  Population', reviewer: 'a' });
    decide(db, 2, 'exclude', { stage: 'full-text', reason: 'wrong population', reviewer: 'a' });
    expect(prismaCounts(db).excludedWithReasons).toEqual([{ reason: 'wrong population', reports: 2 }]);
  });

  it('adds a new reason with newReason, and takes it from then on', () => {
    decide(db, 3, 'exclude', { reason: 'not a study', newReason: true, reviewer: 'a' });
    expect(exclusionReasons(db)).toEqual(['wrong population', 'wrong outcome', 'not a study']);
    decide(db, 2, 'exclude', { reason: 'not a study', reviewer: 'b' });
    expect(reasons()).toEqual([
      { stage: 'title-abstract', reason: 'not a study' },
      { stage: 'title-abstract', reason: 'not a study' },
    ]);
    expect(db.sql.prepare("SELECT count(*) FROM audit_log WHERE action = 'screen.reason'").pluck().get()).toBe(1);
  });

  it('takes any reason while the project has no list', () => {
    setSetting(db, 'exclusion-reasons', '');
    decide(db, 3, 'exclude', { reason: 'off topic', reviewer: 'a' });
    expect(reasons()).toEqual([{ stage: 'title-abstract', reason: 'off topic' }]);
    expect(exclusionReasons(db)).toEqual([]);
  });
});
