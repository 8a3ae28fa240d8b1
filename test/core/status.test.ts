import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCoding, autocode, decideCoding } from '../../src/core/coding/index.js';
import { bundledFramework, loadFramework, parseFramework } from '../../src/core/coding/framework/index.js';
import { setAttributes } from '../../src/core/documents/attributes.js';
import { ingest } from '../../src/core/ingest/index.js';
import { decide, importRecords } from '../../src/core/review/index.js';
import { projectStatus } from '../../src/core/status/index.js';
import { Db, PROJECT_FILE } from '../../src/core/store/index.js';
import { CORPUS, HAS_SHARED, SHARED, tempDir } from '../helpers.js';

describe('litkit status: where the review stands', () => {
  let dir: string;
  let db: Db;
  const needs = (name: string) => projectStatus(db).templates.find((t) => t.name === name)!.lacks.join(' | ');
  beforeAll(async () => {
    dir = tempDir();
    db = Db.open(path.join(dir, PROJECT_FILE), { create: true });
    // A DOCX that is no zip at all fails to ingest, and its cause must show.
    const broken = path.join(dir, 'broken.docx');
    fs.writeFileSync(broken, 'this is not a zip archive');
    await ingest(db, [path.join(CORPUS, 'policies'), path.join(CORPUS, 'reports'), broken], { jobs: 0 });
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts documents by status and format, with failed files and their causes', () => {
    const d = projectStatus(db).documents;
    expect(d.total).toBe(11);
    expect(d.byStatus.ok).toBe(11);
    expect(d.byFormat).toMatchObject({ pdf: 5, docx: 3, html: 2, txt: 1 });
    expect(d.failed).toEqual([expect.objectContaining({ path: expect.stringContaining('broken.docx'), code: 'E_CORRUPT' })]);
    expect(d.segments).toBe(db.sql.prepare('SELECT count(*) FROM segments').pluck().get());
    expect(d.pages).toBeGreaterThanOrEqual(11);
    expect(d.pagesWithoutText).toBeGreaterThanOrEqual(0);
    expect(d.pagesWithoutText).toBeLessThan(d.pages);
  });

  it('says what the templates need before a framework, codings, a ToR and records exist', () => {
    expect(projectStatus(db).frameworks).toEqual([]);
    expect(needs('desk-review')).toMatch(/a framework .*codings/);
    expect(needs('inception-report')).toMatch(/a terms of reference document/);
    expect(needs('desk-review')).toMatch(/bibliographic records for the PRISMA flow/);
    expect(needs('evidence-table')).not.toMatch(/terms of reference|PRISMA/);
  });

  it('reports coverage per code as auto, accepted, rejected and manual, and templates get ready', async () => {
    const file = bundledFramework('race-equality');
    const yaml = fs.readFileSync(file, 'utf8');
    loadFramework(db, parseFramework(yaml, file), yaml);
    autocode(db);
    const [first, second] = db.sql.prepare("SELECT id FROM codings WHERE code_id = 'employment.promotion' AND coder = 'auto' ORDER BY id LIMIT 2").pluck().all() as number[];
    decideCoding(db, first!, 'accept', { coder: 'amina' });
    decideCoding(db, second!, 'reject', { coder: 'amina' });
    const seg = db.sql.prepare("SELECT id FROM segments WHERE id NOT IN (SELECT segment_id FROM codings WHERE code_id = 'employment.promotion') LIMIT 1").pluck().get() as number;
    addCoding(db, 'employment.promotion', { segmentId: seg }, 'amina');

    const s = projectStatus(db);
    expect(s.frameworks).toEqual([expect.objectContaining({ id: 'race-equality', codes: 29 })]);
    expect(s.frameworks[0]!.codedCodes).toBeGreaterThan(10);
    const promotion = s.coverage.find((c) => c.code === 'employment.promotion')!;
    const autoAll = db.sql.prepare("SELECT count(DISTINCT segment_id) FROM codings WHERE code_id = 'employment.promotion' AND coder = 'auto'").pluck().get() as number;
    expect(promotion).toMatchObject({ accepted: 1, rejected: 1, manual: 1, auto: autoAll - 2 });
    expect(needs('desk-review')).not.toMatch(/framework|codings/);

    const ris = path.join(dir, 'records.ris');
    fs.writeFileSync(ris, 'TY  - JOUR\nTI  - Mentoring and promotion\nPY  - 2020\nER  -\nTY  - JOUR\nTI  - Canteen menus\nPY  - 2021\nER  -\n');
    await importRecords(db, ris, { source: 'Hand' });
    expect(needs('desk-review')).toMatch(/screening decisions/);
    decide(db, 1, 'include', { reviewer: 'amina' });
    expect(needs('desk-review')).not.toMatch(/PRISMA/);
  });

  it('counts screening per stage with conflicts', async () => {
    db.sql.prepare("INSERT INTO settings (key, value) VALUES ('screening', 'double') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
    decide(db, 1, 'include', { reviewer: 'ben' });
    decide(db, 2, 'include', { reviewer: 'amina' });
    decide(db, 2, 'exclude', { reviewer: 'ben' });
    const [ta, ft] = projectStatus(db).screening.stages;
    expect(ta).toEqual({ stage: 'title-abstract', records: 2, include: 1, exclude: 0, maybe: 0, conflicts: 1, awaitingReviewer: 0, undecided: 0, notStarted: 0 });
    expect(ft).toMatchObject({ stage: 'full-text', records: 1, notStarted: 1 });
  });

  it.skipIf(!HAS_SHARED)('sees the ToR once one is marked', async () => {
    await ingest(db, [path.join(SHARED, 'seeds', 'terms-of-reference-race-equality-review.txt')], { jobs: 0 });
    const tor = db.sql.prepare("SELECT id FROM documents WHERE format = 'txt' ORDER BY id DESC LIMIT 1").pluck().get() as number;
    setAttributes(db, [tor], { role: 'tor' });
    expect(needs('inception-report')).not.toMatch(/terms of reference/);
  });
});
