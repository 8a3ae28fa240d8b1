import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src/core/store/index.js';
import { tempDir } from '../helpers.js';
import { projectBefore } from './migration-fixture.js';

// Found by name, so the test holds whatever number the migration ends up with.
const migrations = loadMigrations();
const review = migrations.find((m) => m.name.endsWith('_coding_review.sql'))!;

describe(`migration ${review.name}`, () => {
  let dir: string;
  let raw: Database.Database;
  beforeEach(() => {
    dir = tempDir();
    let file: string;
    ({ raw, file } = projectBefore(dir, migrations, review));
    raw.prepare("INSERT INTO codes (id, framework_id, label, position) VALUES ('racism', 'f', 'Racism', 0), ('grievance', 'f', 'Grievance', 1)").run();
    raw.prepare(`INSERT INTO codings (code_id, document_id, segment_id, page, start, end, coder, rule, evidence, created_at)
      VALUES ('racism', 1, 1, 1, 0, 34, 'auto', 'keyword:racism', '{"matches":1}', 'then'), ('grievance', 1, 1, 1, 13, 23, 'amina', NULL, NULL, 'then')`).run();
    expect(migrate(raw, file, migrations, review.version)).toBe(review.version);
  });
  afterEach(() => {
    raw.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the codings, unreviewed, and they are all live', () => {
    expect(raw.prepare('SELECT code_id, coder, rule, status FROM codings ORDER BY id').all()).toEqual([
      { code_id: 'racism', coder: 'auto', rule: 'keyword:racism', status: null },
      { code_id: 'grievance', coder: 'amina', rule: null, status: null },
    ]);
    expect(raw.prepare('SELECT count(*) FROM live_codings').pluck().get()).toBe(2);
    raw.prepare("UPDATE codings SET status = 'rejected' WHERE coder = 'auto'").run();
    expect(raw.prepare('SELECT code_id FROM live_codings').pluck().all()).toEqual(['grievance']);
  });

  it('refuses a status other than accepted or rejected, and a recode target on an accept', () => {
    expect(() => raw.prepare("UPDATE codings SET status = 'maybe'").run()).toThrow(/CHECK/);
    const insert = raw.prepare(`INSERT INTO coding_decisions (code_id, segment_id, page, start, end, coder, decision, recoded_to, decided_at) VALUES ('racism', 1, 1, 0, 34, 'ben', ?, ?, 'now')`);
    expect(() => insert.run('accept', 'grievance')).toThrow(/CHECK/);
    expect(() => insert.run('maybe', null)).toThrow(/CHECK/);
    insert.run('recode', 'grievance');
    raw.prepare("UPDATE codes SET id = 'racism.any' WHERE id = 'racism'").run();
    expect(raw.prepare('SELECT code_id FROM coding_decisions').pluck().all()).toEqual(['racism.any']); // renames reach decisions
  });

  it('serves the hot queries through the live view from covering indexes', () => {
    const plan = (sql: string) => (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan("SELECT segment_id FROM live_codings WHERE code_id IN ('racism', 'grievance')")).toMatch(/COVERING INDEX codings_code\b/);
    expect(plan("SELECT segment_id FROM live_codings WHERE code_id = 'racism' AND coder = 'amina'")).toMatch(/COVERING INDEX codings_(code_segment|coder)\b/);
    expect(plan("SELECT 1 FROM live_codings x WHERE x.segment_id = 1 AND code_id = 'racism'")).toMatch(/COVERING INDEX codings_code_segment/);
  });
});
