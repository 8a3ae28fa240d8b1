import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { titleAbstractFeatures } from '../../src/core/review/feature-cache.js';
import { decisionsKey } from '../../src/core/review/feature-scores.js';
import { decide, importRecords, nextRecord, rank, RelevanceModel } from '../../src/core/review/index.js';
import { Db } from '../../src/core/store/index.js';
import { HAS_SHARED, SHARED, tempDir } from '../helpers.js';
import { projectWith } from './review-project.js';

describe('the features cached in the project', () => {
  let dir: string;
  const open: Db[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('are stored by the first screen next, read by the next process, and rebuilt when a record is added', async () => {
    dir = tempDir();
    const db = await projectWith(dir, ['Mentoring and promotion of staff', 'Canteen menus and morale', 'Promotion gaps by ethnicity', 'Parking at headquarters']);
    open.push(db);
    decide(db, 1, 'include', { reviewer: 'a' });
    decide(db, 2, 'exclude', { reviewer: 'a' });
    expect(db.sql.prepare('SELECT count(*) FROM screening_features').pluck().get()).toBe(0);
    expect(nextRecord(db, { reviewer: 'a' }).record!.id).toBe(3);
    expect(db.sql.prepare('SELECT records FROM screening_feature_sets').pluck().get()).toBe(4);
    const built = titleAbstractFeatures(db);

    // Another process (another connection) reads them instead of building them, and gets the same vectors.
    const other = Db.open(path.join(dir, 'litkit.sqlite'));
    open.push(other);
    const read = titleAbstractFeatures(other);
    expect(read.cached).toBe(true);
    expect(read.ids).toEqual([1, 2, 3, 4]);
    expect(read.dimensions).toBe(built.dimensions);
    expect(read.vectors.map((v) => [...v.idx])).toEqual(built.vectors.map((v) => [...v.idx]));
    expect(read.vectors.map((v) => [...v.val])).toEqual(built.vectors.map((v) => [...v.val]));
    expect(nextRecord(other, { reviewer: 'a' }).record!.id).toBe(3);

    // A new record empties the cache (a trigger), and the next ranking includes it.
    const file = path.join(dir, 'more.ris');
    fs.writeFileSync(file, 'TY  - JOUR\nTI  - Promotion and mentoring of staff of African descent\nPY  - 2021\nER  -\n');
    await importRecords(other, file, { source: 'More' });
    expect(db.sql.prepare('SELECT count(*) FROM screening_feature_sets').pluck().get()).toBe(0);
    const rebuilt = titleAbstractFeatures(db);
    expect(rebuilt).toMatchObject({ cached: false, ids: [1, 2, 3, 4, 5] });
    expect(nextRecord(db, { reviewer: 'a' }).record!.id).toBe(5);
  });

  // screen next scores the records from the stored chunks (or reads the scores stored for the same
  // decisions) and keeps the best candidate without sorting them all; it must pick the record at
  // the head of rank()'s full order, on a real review.
  it.skipIf(!HAS_SHARED)('pick the record at the head of the full ranking on Kitchenham 2010, built or read, going on from the stored solution', async () => {
    dir = tempDir();
    const file = path.join(SHARED, 'review', 'Kitchenham_2010.csv');
    const db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
    open.push(db);
    await importRecords(db, file, { source: 'Kitchenham 2010' });
    const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true }) as { title: string; label_included: string }[];
    const ids = db.sql.prepare('SELECT id, title FROM records ORDER BY id').all() as { id: number; title: string }[];
    expect(ids.length).toBe(rows.length);
    // The reference: the full ranking by a model that, as in one long session, goes on from the
    // last solution after each decision (a new model resumed from the last one's duals, since each
    // `screen next` is a new process with a fresh shuffling sequence).
    let last: Map<number, { label: boolean; value: number }> | undefined;
    const head = (d: Db) => {
      const f = titleAbstractFeatures(d);
      const labels = new Map((d.sql.prepare("SELECT record_id, decision FROM screening WHERE stage = 'title-abstract'").all() as { record_id: number; decision: string }[]).map((r) => [f.index.get(r.record_id)!, r.decision === 'include']));
      const candidates = f.ids.map((_, i) => i).filter((i) => !labels.has(i));
      const model = new RelevanceModel(f.vectors, f.dimensions);
      const cold = !last;
      if (last) model.resume(last);
      model.train(labels);
      last = model.duals();
      const scores = candidates.map((i) => model.score(i));
      const order = candidates.map((_, k) => k).sort((a, b) => scores[b]! - scores[a]! || a - b);
      // With nothing to go on from, that is rank()'s order.
      if (cold) expect(candidates[order[0]!]).toBe(rank(f.vectors, f.dimensions, labels, candidates)[0]);
      return f.ids[candidates[order[0]!]!];
    };
    // Every 15th record decided as the review's authors did, then three more rounds of screening.
    for (let i = 0; i < rows.length; i += 15) decide(db, ids[i]!.id, rows[i]!.label_included === '1' ? 'include' : 'exclude', { reviewer: 'a' });
    for (let round = 0; round < 3; round++) {
      const next = nextRecord(db, { reviewer: 'a' });
      expect(next.order).toBe('title-abstract decisions');
      expect(next.record!.id).toBe(head(db));
      // The scores are stored under these decisions, and a new process answers from them.
      const decisions = new Map((db.sql.prepare("SELECT record_id, decision FROM screening WHERE stage = 'title-abstract'").all() as { record_id: number; decision: string }[]).map((r) => [r.record_id, r.decision === 'include']));
      expect(db.sql.prepare('SELECT decisions FROM screening_scores').pluck().all()).toEqual([decisionsKey(decisions)]);
      const other = Db.open(path.join(dir, 'litkit.sqlite'));
      expect(nextRecord(other, { reviewer: 'a' }).record!.id).toBe(next.record!.id);
      other.close();
      const row = rows[ids.findIndex((r) => r.id === next.record!.id)]!;
      decide(db, next.record!.id, row.label_included === '1' ? 'include' : 'exclude', { reviewer: 'a' });
    }
  });
});
