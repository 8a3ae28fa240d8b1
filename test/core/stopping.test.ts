import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { decide, hypergeometricCdf, logGamma, nextRecord, recallTest, relevantLeftUnderH0, stoppingReport } from '../../src/core/review/index.js';
import type { Db } from '../../src/core/store/index.js';
import { tempDir } from '../helpers.js';
import { projectWith } from './review-project.js';

// Known values are exact fractions, computed by hand (and checked with Python's fractions and math.comb).
describe('the hypergeometric test of Callaghan & Müller-Hansen (2020)', () => {
  it('computes log-gamma and the hypergeometric CDF', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 9);
    // 3 drawn from 10 of which 2 are marked, none marked: C(8,3) / C(10,3) = 56 / 120.
    expect(hypergeometricCdf(0, 10, 2, 3)).toBeCloseTo(56 / 120, 12);
    // 100 of 1,000 with 6 marked, none marked: (900·899·…·895) / (1000·999·…·995).
    expect(hypergeometricCdf(0, 1000, 6, 100)).toBeCloseTo((900 * 899 * 898 * 897 * 896 * 895) / (1000 * 999 * 998 * 997 * 996 * 995), 12);
    // At most one marked in 10 of 50 with 5 marked: [C(45,10) + 5·C(45,9)] / C(50,10).
    expect(hypergeometricCdf(1, 50, 5, 10)).toBeCloseTo(0.7418999792331363, 12);
    expect(hypergeometricCdf(2, 50, 2, 10)).toBe(1);
    expect(hypergeometricCdf(0, 10, 8, 3)).toBe(0); // 3 draws from 2 unmarked: one must be marked
  });

  it('takes K_tar as the paper does, in integers', () => {
    // The package's vignette: 95 relevant seen at a 95% target, so at least 6 would remain if the target were missed.
    expect(relevantLeftUnderH0(95, 0, 0.95)).toBe(6);
    // ⌊(r_AL + k)/τ − r_AL + 1⌋: 40 before and 2 in the sample at 0.9 is ⌊46.67 − 39⌋ = 7.
    expect(relevantLeftUnderH0(40, 2, 0.9)).toBe(7);
    expect(relevantLeftUnderH0(0, 0, 0.95)).toBe(1);
  });

  it('says stop exactly when p falls below 1 - confidence, and how many random records that takes', () => {
    // 95 found by prioritised screening, 1,000 left: K_tar = 6, and P(X = 0) = C(994, n) / C(1000, n)
    // first falls below 0.05 at n = 393 (0.04953; at 392 it is 0.05003).
    const start = recallTest({ urn: 1000, sampled: 0, sampledRelevant: 0, relevantBefore: 95 });
    expect(start).toMatchObject({ relevantLeftUnderH0: 6, p: 1, stop: false, more: 393 });
    const almost = recallTest({ urn: 1000, sampled: 392, sampledRelevant: 0, relevantBefore: 95 });
    expect(almost.stop).toBe(false);
    expect(almost.p).toBeCloseTo(0.050026591403252656, 12);
    expect(almost.more).toBe(1);
    const done = recallTest({ urn: 1000, sampled: 393, sampledRelevant: 0, relevantBefore: 95 });
    expect(done).toMatchObject({ stop: true, more: 0 });
    expect(done.p).toBeCloseTo(0.0495329079354574, 12);
    // A relevant record in the sample raises K_tar to 7 and asks for more.
    expect(recallTest({ urn: 1000, sampled: 393, sampledRelevant: 1, relevantBefore: 95 }).stop).toBe(false);
    // Nothing left to sample: recall is known.
    expect(recallTest({ urn: 0, sampled: 0, sampledRelevant: 0, relevantBefore: 3 }).stop).toBe(true);
  });
});

describe('the stopping rule on a project: a random sample drawn by screen next --sample', () => {
  let dir: string;
  let db: Db;
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('tests the decisions on the drawn records, and starts again when a record outside the sample is screened', async () => {
    dir = tempDir();
    db = await projectWith(dir, Array.from({ length: 30 }, (_, i) => `Record number ${i + 1} on topic ${i % 3}`));
    // Prioritised screening: 10 records, 3 included.
    for (let id = 1; id <= 10; id++) decide(db, id, id <= 3 ? 'include' : 'exclude', { reviewer: 'a' });
    expect(stoppingReport(db, 'title-abstract')).toMatchObject({ records: 30, screenedBefore: 10, relevantBefore: 3, urn: 20, sampled: 0, sampleOpen: false, relevantLeftUnderH0: 1, stop: false, more: 20 });

    const drawn: number[] = [];
    for (let k = 0; k < 5; k++) {
      const next = nextRecord(db, { reviewer: 'a', sample: true });
      expect(next.order).toBe('random sample');
      expect(next.record!.id).toBeGreaterThan(10);
      // Asking again before deciding gives the same draw: an awkward record cannot be skipped.
      expect(nextRecord(db, { reviewer: 'a', sample: true }).record!.id).toBe(next.record!.id);
      drawn.push(next.record!.id);
      decide(db, next.record!.id, 'exclude', { reviewer: 'a' });
    }
    expect(new Set(drawn).size).toBe(5);
    const report = stoppingReport(db, 'title-abstract');
    // K_tar = 1 relevant among the 20: P(none in n draws) = (20 - n)/20, below 0.05 only at n = 20.
    expect(report).toMatchObject({ screenedBefore: 10, urn: 20, sampled: 5, sampledRelevant: 0, sampleOpen: true, stop: false, more: 15 });
    expect(report.p).toBeCloseTo(15 / 20, 12);

    const outside = [...Array(30).keys()].map((i) => i + 1).find((id) => id > 10 && !drawn.includes(id))!;
    decide(db, outside, 'exclude', { reviewer: 'a' });
    // The urn the sample came from has changed: the five draws now count as screened before a new sample.
    expect(stoppingReport(db, 'title-abstract')).toMatchObject({ sampleOpen: false, screenedBefore: 16, urn: 14, sampled: 0 });
  });
});
