import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocode } from '../../src/core/coding/index.js';
import { bundledFramework, loadFramework, parseFramework } from '../../src/core/coding/framework/index.js';
import { SEGMENT_KINDS } from '../../src/core/documents/index.js';
import { ingest } from '../../src/core/ingest/index.js';
import { Db } from '../../src/core/store/index.js';
import { tempDir } from '../helpers.js';

describe('auto-coding reads the kinds of segment that can be evidence', () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    dir = tempDir();
    const file = path.join(dir, 'policy.txt');
    fs.writeFileSync(file, 'Policy note\n\nRecruitment and selection\n\nPanels shortlist applicants on merit and interview every shortlisted candidate.\n\nSource: https://example.org/recruitment-policy\n');
    db = Db.open(path.join(dir, 'p.sqlite'), { create: true });
    await ingest(db, [file], { jobs: 0 });
    const fwFile = bundledFramework('race-equality');
    const source = fs.readFileSync(fwFile, 'utf8');
    loadFramework(db, parseFramework(source, fwFile), source);
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const codedKinds = () =>
    db.sql.prepare("SELECT DISTINCT s.kind FROM codings k JOIN segments s ON s.id = k.segment_id WHERE k.coder = 'auto' ORDER BY s.kind").pluck().all();

  it('codes body text but not the heading or the source line by default', () => {
    const r = autocode(db);
    expect(r.segments).toBe(1);
    expect(r.codings).toBeGreaterThan(0);
    expect(codedKinds()).toEqual(['body']);
  });

  it('codes the heading and the source URL when asked for every kind, and a default run removes those codings again', () => {
    autocode(db, { kinds: SEGMENT_KINDS });
    expect(codedKinds()).toEqual(['body', 'heading', 'reference']);
    autocode(db);
    expect(codedKinds()).toEqual(['body']);
  });
});
