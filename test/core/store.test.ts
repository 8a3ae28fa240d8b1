import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, Db, loadMigrations, migrate } from '../../src/core/store/index.js';
import { ProjectError } from '../../src/errors.js';
import { tempDir } from '../helpers.js';

/** The plan SQLite chooses for a statement, as one string, to prove a hot query uses its index. */
function plan(db: Db, sql: string): string {
  return (db.sql.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
}

describe('the project store', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the newest schema on a new file, with WAL and foreign keys on', () => {
    const db = Db.open(path.join(dir, 'p.sqlite'), { create: true });
    expect(db.sql.pragma('user_version', { simple: true })).toBe(loadMigrations().length);
    expect(db.sql.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sql.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.sql.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['documents', 'pages', 'segments', 'segments_fts', 'document_attributes', 'ingest_log']));
    db.close();
  });

  it('refuses a project written by a newer litkit, without touching it', () => {
    const file = path.join(dir, 'newer.sqlite');
    const raw = new Database(file);
    raw.pragma(`application_id = ${APPLICATION_ID}`); // as every litkit project is stamped
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => Db.open(file)).toThrow(ProjectError);
    expect(() => Db.open(file)).toThrow(/schema version 99 is newer than this litkit knows/);
    expect(fs.existsSync(`${file}.bak`)).toBe(false);
  });

  it('backs up an existing project before upgrading it, and keeps its rows', () => {
    const migrations = [
      { version: 1, name: '001_a.sql', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;' },
      { version: 2, name: '002_b.sql', sql: "ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT 'unknown';" },
    ];
    const file = path.join(dir, 'old.sqlite');
    const raw = new Database(file);
    migrate(raw, file, migrations, 1);
    raw.prepare('INSERT INTO notes (body) VALUES (?)').run('written by version 1');
    expect(migrate(raw, file, migrations)).toBe(2);
    expect(raw.prepare('SELECT body, author FROM notes').all()).toEqual([{ body: 'written by version 1', author: 'unknown' }]);
    raw.close();
    const backup = new Database(`${file}.bak`, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT body FROM notes').pluck().all()).toEqual(['written by version 1']);
    backup.close();
  });

  /** A project at schema `version` holding one document (id 1) with one page of `text`. */
  function oldProject(version: number, text: string): { raw: Database.Database; file: string } {
    const file = path.join(dir, `v${version}.sqlite`);
    const raw = new Database(file);
    raw.pragma('foreign_keys = ON');
    migrate(raw, file, loadMigrations(), version);
    raw.prepare(`INSERT INTO documents (sha256, source_path, title, format, page_count, bytes, status, added_at)
      VALUES ('abc', '/x.txt', 'Old document', 'txt', 1, ?, 'ok', '2024-01-01')`).run(text.length);
    raw.prepare('INSERT INTO pages (document_id, number, text) VALUES (1, 1, ?)').run(text);
    return { raw, file };
  }

  it('migration 002 adds coding tables to a version-1 project and keeps its documents', () => {
    const { raw, file } = oldProject(1, 'Some old text.');
    expect(migrate(raw, file, loadMigrations(), 2)).toBe(2);
    expect(raw.prepare('SELECT title FROM documents').pluck().all()).toEqual(['Old document']);
    raw.prepare("INSERT INTO frameworks (id, title, version, source, loaded_at) VALUES ('f', 'F', '1', '', 'now')").run();
    raw.prepare("INSERT INTO codes (id, framework_id, label, position) VALUES ('c', 'f', 'C', 0)").run();
    raw.prepare("INSERT INTO codings (code_id, document_id, page, start, end, coder, created_at) VALUES ('c', 1, 1, 0, 4, 'amina', 'now')").run();
    raw.prepare("UPDATE codes SET id = 'c2' WHERE id = 'c'").run();
    expect(raw.prepare('SELECT code_id FROM codings').pluck().all()).toEqual(['c2']); // renames reach codings
    raw.prepare('DELETE FROM documents WHERE id = 1').run();
    expect(raw.prepare('SELECT count(*) FROM codings').pluck().get()).toBe(0); // and removals too
    raw.close();
  });

  it('migration 006 gives existing segments the body kind and keeps their citation number', () => {
    const { raw, file } = oldProject(5, 'Heading\n\nFirst paragraph.\n\nSecond.');
    const insert = raw.prepare('INSERT INTO segments (document_id, page, seq, start, end, text) VALUES (1, 1, ?, ?, ?, ?)');
    insert.run(1, 0, 7, 'Heading');
    insert.run(2, 9, 25, 'First paragraph.');
    insert.run(3, 27, 34, 'Second.');
    const before = raw.prepare('SELECT id, seq, start, end, text FROM segments ORDER BY id').all();

    expect(migrate(raw, file, loadMigrations(), 6)).toBe(6);
    const after = raw.prepare('SELECT id, seq, start, end, text, kind, own_kind, para, repeat_key FROM segments ORDER BY id').all();
    expect(after).toEqual((before as object[]).map((r, i) => ({ ...r, kind: 'body', own_kind: 'body', para: i + 1, repeat_key: null })));
    expect(raw.prepare("SELECT count(*) FROM segments_fts WHERE segments_fts MATCH 'paragraph'").pluck().get()).toBe(1);
    expect(() => raw.prepare("UPDATE segments SET kind = 'footnote' WHERE id = 1").run()).toThrow(/CHECK constraint/);
    raw.close();
  });

  it('reaches a document\'s segments and attributes through indexes', () => {
    const db = Db.open(path.join(dir, 'p.sqlite'), { create: true });
    expect(plan(db, 'SELECT * FROM segments WHERE document_id = 1 ORDER BY seq')).toMatch(/USING INDEX segments_document/);
    expect(plan(db, "SELECT document_id FROM document_attributes WHERE key = 'type' AND value = 'policy'")).toMatch(/USING (COVERING )?INDEX document_attributes_key/);
    expect(plan(db, "SELECT rowid FROM segments_fts WHERE segments_fts MATCH 'x'")).toMatch(/VIRTUAL TABLE INDEX/);
    db.close();
  });
});
