import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src/core/store/index.js';
import { tempDir } from '../helpers.js';
import { projectBefore } from './migration-fixture.js';

// Found by name, so the test holds whatever number the migration ends up with.
const migrations = loadMigrations();
const ocr = migrations.find((m) => m.name.endsWith('_ocr.sql'))!;

describe(`migration ${ocr.name}`, () => {
  let dir: string;
  let raw: Database.Database;
  beforeEach(() => {
    dir = tempDir();
    let file: string;
    ({ raw, file } = projectBefore(dir, migrations, ocr));
    raw.prepare("INSERT INTO document_attributes (document_id, key, value) VALUES (1, 'type', 'report')").run();
    raw.prepare("INSERT INTO codes (id, framework_id, label, position) VALUES ('racism', 'f', 'Racism', 0)").run();
    raw.prepare(`INSERT INTO codings (code_id, document_id, segment_id, page, start, end, coder, created_at) VALUES ('racism', 1, 1, 1, 0, 34, 'amina', 'then')`).run();
    expect(migrate(raw, file, migrations, ocr.version)).toBe(ocr.version);
  });
  afterEach(() => {
    raw.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds documents without losing what refers to them, and turns foreign keys back on', () => {
    expect(raw.prepare('SELECT id, title, format FROM documents').all()).toEqual([{ id: 1, title: 'A', format: 'txt' }]);
    expect(raw.prepare('SELECT number, ocr, ocr_confidence FROM pages').all()).toEqual([{ number: 1, ocr: 0, ocr_confidence: null }]);
    expect(raw.prepare('SELECT count(*) FROM segments').pluck().get()).toBe(1);
    expect(raw.prepare('SELECT count(*) FROM codings').pluck().get()).toBe(1);
    expect(raw.prepare('SELECT value FROM document_attributes').pluck().all()).toEqual(['report']);
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    // The children still point at the rebuilt table: removing the document removes them.
    raw.prepare('DELETE FROM documents WHERE id = 1').run();
    expect(raw.prepare('SELECT (SELECT count(*) FROM pages) + (SELECT count(*) FROM segments) + (SELECT count(*) FROM codings)').pluck().get()).toBe(0);
  });

  it("takes images, and refuses an unknown format or a confidence outside 0-100", () => {
    const insert = raw.prepare(`INSERT INTO documents (sha256, source_path, title, format, page_count, bytes, status, added_at) VALUES (?, '/s.png', 'S', ?, 1, 10, 'ok', 'now')`);
    insert.run('b', 'image');
    expect(() => insert.run('c', 'gif')).toThrow(/CHECK/);
    const page = raw.prepare("INSERT INTO pages (document_id, number, text, ocr, ocr_confidence) VALUES (2, ?, 'x', 1, ?)");
    page.run(1, 87.5);
    expect(() => page.run(2, 101)).toThrow(/CHECK/);
  });

  it('never gives a removed document\'s id to the next one (AUTOINCREMENT)', () => {
    const insert = raw.prepare(`INSERT INTO documents (sha256, source_path, title, format, page_count, bytes, status, added_at) VALUES (?, '/n.txt', 'N', 'txt', 1, 10, 'ok', 'now')`);
    const second = Number(insert.run('n2').lastInsertRowid);
    raw.prepare('DELETE FROM documents WHERE id = ?').run(second);
    expect(Number(insert.run('n3').lastInsertRowid)).toBe(second + 1);
  });
});
