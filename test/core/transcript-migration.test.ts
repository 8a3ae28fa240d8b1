import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CITED_PARA, citeRow, type CitationColumns } from '../../src/core/documents/citation.js';
import { loadMigrations, migrate } from '../../src/core/store/index.js';
import { tempDir } from '../helpers.js';

// Found by name, so the test holds whatever number the migration ends up with.
const migrations = loadMigrations();
const cases = migrations.find((m) => m.name.endsWith('_cases.sql'))!;

describe(`migration ${cases.name}`, () => {
  let dir: string;
  let raw: Database.Database;
  const turn = 'P4: I filed a complaint of racial harassment.';
  beforeEach(() => {
    dir = tempDir();
    const file = path.join(dir, 'old.sqlite');
    raw = new Database(file);
    raw.pragma('foreign_keys = ON');
    migrate(raw, file, migrations, cases.version - 1);
    raw.prepare(`INSERT INTO documents (sha256, source_path, title, year, format, page_count, bytes, status, added_at) VALUES ('a', '/fg.txt', 'Focus group 2', 2023, 'txt', 1, 10, 'ok', 'now')`).run();
    raw.prepare('INSERT INTO pages (document_id, number, text) VALUES (1, 1, ?)').run(turn);
    raw.prepare('INSERT INTO segments (document_id, page, seq, start, end, text, para) VALUES (1, 1, 1, 0, ?, ?, 7)').run(turn.length, turn);
    expect(migrate(raw, file, migrations, cases.version)).toBe(cases.version);
  });
  afterEach(() => {
    raw.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const citation = () =>
    citeRow(raw.prepare(`SELECT d.title, d.year, d.format, d.page_count, s.page, ${CITED_PARA} FROM segments s JOIN documents d ON d.id = s.document_id`).get() as CitationColumns);

  it('keeps segments of old projects without a case, cited as before', () => {
    expect(raw.prepare('SELECT case_id, question, time_s, text FROM segments').get()).toEqual({ case_id: null, question: null, time_s: null, text: turn });
    expect(citation()).toBe('Focus group 2 (2023), para. 7');
  });

  it('ties a segment to a speaker with typed attributes, removed with its document', () => {
    raw.prepare("INSERT INTO cases (document_id, kind, label) VALUES (1, 'speaker', 'P4')").run();
    raw.prepare("INSERT INTO case_attributes (case_id, key, value) VALUES (1, 'age', 52), (1, 'role', 'participant')").run();
    raw.prepare('UPDATE segments SET case_id = 1, time_s = 751').run();
    expect(raw.prepare("SELECT typeof(value) FROM case_attributes WHERE key = 'age'").pluck().get()).toBe('integer');
    expect(citation()).toBe('Focus group 2 (2023), P4, 00:12:31');
    expect(() => raw.prepare("INSERT INTO cases (document_id, kind, label) VALUES (1, 'witness', 'X')").run()).toThrow(/CHECK/);
    expect(() => raw.prepare("INSERT INTO cases (document_id, kind, label) VALUES (1, 'speaker', 'P4')").run()).toThrow(/UNIQUE/);
    raw.prepare('DELETE FROM documents').run();
    expect(raw.prepare('SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM case_attributes)').pluck().get()).toBe(0);
  });
});
