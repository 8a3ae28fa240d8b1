import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../src/core/store/index.js';
import type { Migration } from '../../src/core/store/migrate.js';

/**
 * A project file migrated up to just before `target`, holding one document with one page and one
 * segment ("Staff raised complaints of racism.") and a framework `f`, as the older schema stores
 * them; a migration test adds its own rows, then migrates to `target`.
 */
export function projectBefore(dir: string, migrations: Migration[], target: Migration): { raw: Database.Database; file: string } {
  const file = path.join(dir, 'old.sqlite');
  const raw = new Database(file);
  raw.pragma('foreign_keys = ON');
  migrate(raw, file, migrations, target.version - 1);
  raw.prepare(`INSERT INTO documents (sha256, source_path, title, format, page_count, bytes, status, added_at) VALUES ('a', '/a.txt', 'A', 'txt', 1, 10, 'ok', 'now')`).run();
  raw.prepare("INSERT INTO pages (document_id, number, text) VALUES (1, 1, 'Staff raised complaints of racism.')").run();
  raw.prepare("INSERT INTO segments (document_id, page, seq, start, end, text) VALUES (1, 1, 1, 0, 34, 'Staff raised complaints of racism.')").run();
  raw.prepare("INSERT INTO frameworks (id, title, version, source, loaded_at) VALUES ('f', 'F', '1', '', 'now')").run();
  return { raw, file };
}
