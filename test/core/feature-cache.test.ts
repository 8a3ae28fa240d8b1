import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { titleAbstractFeatures } from '../../src/core/review/feature-cache.js';
import { decide, importRecords, nextRecord } from '../../src/core/review/index.js';
import { Db } from '../../src/core/store/index.js';
import { tempDir } from '../helpers.js';
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
});
