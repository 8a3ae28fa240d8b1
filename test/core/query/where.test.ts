import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocode } from '../../../src/core/coding/index.js';
import { bundledFramework, loadFramework, parseFramework } from '../../../src/core/coding/framework/index.js';
import { ingest } from '../../../src/core/ingest/index.js';
import { codeSummary, frequencies, kwic } from '../../../src/core/query/index.js';
import { documentsInScope } from '../../../src/core/interop/scope.js';
import { Db } from '../../../src/core/store/index.js';
import { CORPUS, tempDir } from '../../helpers.js';

// Two folders of the demo corpus typed apart, so `doc.type = …` splits them: every --where caller
// must take the query language (before, code auto passed the text to FTS5 and failed).
describe('--where takes the query language in every command', () => {
  let dir: string;
  let db: Db;
  const docsOfType = (type: string) =>
    db.sql.prepare("SELECT document_id FROM document_attributes WHERE key = 'type' AND value = ? ORDER BY document_id").pluck().all(type) as number[];
  beforeAll(async () => {
    dir = tempDir();
    db = Db.open(path.join(dir, 'p.sqlite'), { create: true });
    await ingest(db, [path.join(CORPUS, 'policies')], { jobs: 0, attributes: { type: 'policy' } });
    await ingest(db, [path.join(CORPUS, 'reports')], { jobs: 0, attributes: { type: 'report' } });
    const file = bundledFramework('race-equality');
    const yaml = fs.readFileSync(file, 'utf8');
    loadFramework(db, parseFramework(yaml, file), yaml);
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('code auto codes only the documents a doc.type query selects, and a later run replaces only those', () => {
    const r = autocode(db, { where: 'doc.type = report' });
    expect(r.codings).toBeGreaterThan(0);
    const coded = db.sql.prepare("SELECT DISTINCT document_id FROM codings WHERE coder = 'auto' ORDER BY document_id").pluck().all() as number[];
    expect(coded.length).toBeGreaterThan(0);
    expect(coded.every((id) => docsOfType('report').includes(id))).toBe(true);

    const policies = autocode(db, { where: 'doc.type = policy' });
    expect(policies.replaced).toBe(0);
    const all = db.sql.prepare("SELECT count(*) FROM codings WHERE coder = 'auto'").pluck().get() as number;
    expect(all).toBe(r.codings + policies.codings);
  });

  it('code auto restricts by words with text:, and refuses FTS5 syntax as a query syntax error', () => {
    const r = autocode(db, { where: 'text:promotion' });
    const texts = db.sql.prepare("SELECT DISTINCT s.text FROM codings k JOIN segments s ON s.id = k.segment_id WHERE k.coder = 'auto' AND k.created_at = (SELECT max(created_at) FROM codings)").pluck().all() as string[];
    expect(r.segments).toBeGreaterThan(0);
    expect(texts.every((t) => /promot/i.test(t))).toBe(true);
    expect(() => autocode(db, { where: 'NEAR(a b' })).toThrow(/query syntax error/);
  });

  it('kwic, freq, table codes and export scope read the same doc.type query', () => {
    autocode(db);
    const reports = docsOfType('report');
    const lines = kwic(db, 'staff', { where: 'doc.type = report' });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => reports.includes(l.documentId))).toBe(true);

    const all = frequencies(db, {}).segments;
    const some = frequencies(db, { where: 'doc.type = report' }).segments;
    expect(some).toBeGreaterThan(0);
    expect(some).toBeLessThan(all);

    const total = codeSummary(db).reduce((n, c) => n + c.documents, 0);
    const scoped = codeSummary(db, { where: 'doc.type = report' }).reduce((n, c) => n + c.documents, 0);
    expect(scoped).toBeGreaterThan(0);
    expect(scoped).toBeLessThan(total);

    expect(documentsInScope(db, 'doc.type = report')).toEqual(reports);
  });
});
