import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { addCoding, addMemo, listMemos } from '../../src/core/coding/index.js';
import { purgeDocuments, removeDocument } from '../../src/core/documents/index.js';
import { ingest } from '../../src/core/ingest/index.js';
import { Db, loadMigrations, migrate } from '../../src/core/store/index.js';
import { projectWith } from '../core/privacy-fixture.js';
import { litkit, tempDir } from '../helpers.js';

// A word nobody writes, so any hit in the file's bytes is this document's.
const MARKER = 'zqxjvelkorpamarker';
const TEXT = `Field notes\n\nThe ${MARKER} visited the reception centre twice.\n\nOther staff were not told.\n`;

/** Case-insensitive hits of the marker in the project file and its WAL (FTS stores terms lower-cased). */
function hits(dir: string): number {
  let n = 0;
  for (const f of ['litkit.sqlite', 'litkit.sqlite-wal']) {
    const file = path.join(dir, f);
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file).toString('latin1').toLowerCase();
    n += text.split(MARKER).length - 1;
  }
  return n;
}

describe('docs purge', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('leaves no byte of a coded, memoed document in the project file or its WAL', async () => {
    let db: Db;
    ({ db, dir } = await projectWith({ [`${MARKER}.txt`]: TEXT, 'other.txt': 'Another report\n\nNothing personal here at all.\n' }));
    const id = db.sql.prepare("SELECT id FROM documents WHERE source_path LIKE ?").pluck().get(`%${MARKER}%`) as number;
    const coding = addCoding(db, 'contact', { quote: `The ${MARKER} visited`, documentId: id }, 'amina');
    addMemo(db, { kind: 'document', id }, 'amina', `Ask the ${MARKER} again`);
    addMemo(db, { kind: 'coding', id: coding.id }, 'amina', `Why ${MARKER}?`);
    db.sql.pragma('wal_checkpoint(TRUNCATE)');
    expect(hits(dir)).toBeGreaterThan(3); // it is there before: the search below can find it

    const [r] = purgeDocuments(db, [id]);
    expect(r).toMatchObject({ id, codings: 1, memos: 2 });
    expect(listMemos(db).length).toBe(0);
    db.close();
    expect(hits(dir)).toBe(0);
    // The rest of the project is intact and its index still answers.
    const raw = new Database(path.join(dir, 'litkit.sqlite'), { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.prepare("SELECT count(*) FROM segments_fts WHERE segments_fts MATCH 'personal'").pluck().get()).toBe(1);
    raw.close();
  });

  it('never gives a removed document\'s id to the next one, so old memos and logs cannot point at it', async () => {
    let db: Db;
    ({ db, dir } = await projectWith({ 'a.txt': 'First report\n\nText one.\n', 'b.txt': 'Second report\n\nText two.\n' }));
    const newest = db.sql.prepare('SELECT max(id) FROM documents').pluck().get() as number;
    const lastSegment = db.sql.prepare('SELECT max(id) FROM segments').pluck().get() as number;
    const removed = removeDocument(db, newest);
    expect(removed.id).toBe(newest);
    const more = path.join(dir, 'c.txt');
    fs.writeFileSync(more, 'Third report\n\nText three.\n');
    await ingest(db, [more], { jobs: 0 });
    expect(db.sql.prepare('SELECT max(id) FROM documents').pluck().get()).toBe(newest + 1);
    // Nor a removed segment's id (`code add --segment ID` names them): the new ones start past it.
    expect(db.sql.prepare('SELECT min(id) FROM segments WHERE document_id = ?').pluck().get(newest + 1)).toBeGreaterThan(lastSegment);
    db.close();
  });
});

describe('docs purge from the command line', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('says that the copy an upgrade left beside the project still holds the purged text', async () => {
    let db: Db;
    ({ db, dir } = await projectWith({ 'notes.txt': TEXT }));
    db.close();
    fs.copyFileSync(path.join(dir, 'litkit.sqlite'), path.join(dir, 'litkit.sqlite.bak'));
    const r = await litkit(['docs', 'purge', '1'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Purged document 1: \d+ segments/);
    expect(r.stderr).toBe(`litkit: ${path.join(dir, 'litkit.sqlite.bak')}: the copy made before the last upgrade still holds the purged documents; delete it once the project works (W_BACKUP)\n`);
    expect(hits(dir)).toBe(0);
  });
});

describe('migrations 014 and 016 on a project of the previous schema', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps every document, page, coding, memo and index row, and stops reusing the ids of removed documents', () => {
    dir = tempDir();
    const file = path.join(dir, 'litkit.sqlite');
    const migrations = loadMigrations();
    const ids = migrations.find((m) => m.name.endsWith('_stable_ids.sql'))!;
    const raw = new Database(file);
    raw.pragma('foreign_keys = ON');
    migrate(raw, file, migrations, ids.version - 1);
    const doc = raw.prepare(`INSERT INTO documents (sha256, source_path, title, format, page_count, bytes, status, added_at) VALUES (?, ?, ?, 'txt', 1, 10, 'ok', 'now')`);
    doc.run('a', '/a.txt', 'A');
    doc.run('b', '/b.txt', 'B');
    doc.run('c', '/c.txt', 'C');
    raw.prepare("INSERT INTO pages (document_id, number, text) VALUES (2, 1, 'Staff raised complaints of racism.')").run();
    raw.prepare("INSERT INTO segments (document_id, page, seq, start, end, text) VALUES (2, 1, 1, 0, 34, 'Staff raised complaints of racism.')").run();
    raw.prepare("INSERT INTO frameworks (id, title, version, source, loaded_at) VALUES ('f', 'F', '1', '', 'now')").run();
    raw.prepare("INSERT INTO codes (id, framework_id, label, position) VALUES ('racism', 'f', 'Racism', 0)").run();
    raw.prepare("INSERT INTO codings (code_id, document_id, segment_id, page, start, end, coder, created_at, status) VALUES ('racism', 2, 1, 1, 27, 33, 'amina', 'then', 'accepted')").run();
    raw.prepare("INSERT INTO memos (target_kind, target, author, text, created_at) VALUES ('document', '2', 'amina', 'Check the date.', 'then')").run();
    // Document 3 was the newest and was removed before the upgrade: the log remembers its id.
    raw.prepare("INSERT INTO ingest_log (at, path, outcome, document_id) VALUES ('then', '/c.txt', 'removed', 3)").run();
    raw.prepare('DELETE FROM documents WHERE id = 3').run();

    migrate(raw, file, migrations); // 014 (documents' sequence, codings, memos) and 016 (segments)
    expect(raw.prepare('SELECT id, document_id FROM segments').all()).toEqual([{ id: 1, document_id: 2 }]);
    expect(raw.prepare('SELECT id, title FROM documents ORDER BY id').all()).toEqual([{ id: 1, title: 'A' }, { id: 2, title: 'B' }]);
    expect(raw.prepare('SELECT document_id, start, end, status FROM live_codings').all()).toEqual([{ document_id: 2, start: 27, end: 33, status: 'accepted' }]);
    expect(raw.prepare("SELECT count(*) FROM segments_fts WHERE segments_fts MATCH 'racism'").pluck().get()).toBe(1);
    expect(raw.prepare('SELECT text FROM memos').pluck().all()).toEqual(['Check the date.']);
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    // Foreign keys still cascade from the rebuilt table.
    raw.prepare('DELETE FROM documents WHERE id = 2').run();
    expect(raw.prepare('SELECT count(*) FROM codings').pluck().get()).toBe(0);
    expect(raw.prepare('SELECT count(*) FROM pages').pluck().get()).toBe(0);
    expect(raw.prepare("SELECT count(*) FROM segments_fts WHERE segments_fts MATCH 'racism'").pluck().get()).toBe(0); // the index followed
    // The next document gets 4: neither 2 nor 3 comes back.
    doc.run('d', '/d.txt', 'D');
    expect(raw.prepare("SELECT id FROM documents WHERE sha256 = 'd'").pluck().get()).toBe(4);
    raw.prepare("INSERT INTO segments (document_id, page, seq, start, end, text) VALUES (4, 1, 1, 0, 5, 'Again')").run();
    expect(raw.prepare("SELECT id FROM segments WHERE text = 'Again'").pluck().get()).toBe(2); // segment 1 is not given again
    raw.close();
  });
});
