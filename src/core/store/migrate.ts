import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { ProjectError } from '../../errors.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** The migrations shipped with this build, in order. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: fs.readFileSync(path.join(dir, f), 'utf8') }));
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is out of sequence (expected ${i + 1})`);
  });
  return migrations;
}

/** How many of `migrations` the database lacks; refuses a database written by a newer litkit. */
export function pendingMigrations(db: Database.Database, file: string, migrations = loadMigrations()): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new ProjectError(
      'E_PROJECT_NEWER',
      `project schema version ${current} is newer than this litkit knows (${migrations.length}); upgrade litkit`,
      file,
    );
  }
  return migrations.length - current;
}

/**
 * Brings the database to the newest schema, each migration in its own transaction. Refuses a
 * database written by a newer litkit, and copies an existing project to `<file>.bak` before
 * changing its schema.
 */
export function migrate(db: Database.Database, file: string, migrations = loadMigrations(), upTo?: number): number {
  const current = migrations.length - pendingMigrations(db, file, migrations);
  const target = upTo ?? migrations.length;
  if (current >= target) return current;
  if (current > 0 && file !== ':memory:') {
    db.pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(file, `${file}.bak`);
  }
  for (const m of migrations.slice(current, target)) applyMigration(db, file, m);
  return target;
}

/** Marks a migration that rebuilds a table other tables refer to. */
const FOREIGN_KEYS_OFF = '-- litkit: foreign-keys-off';

/**
 * Applies one migration in its own transaction. One that rebuilds a referenced table runs with
 * foreign keys off, as SQLite's procedure for such changes requires (dropping the old table would
 * otherwise cascade to its children; the pragma is a no-op inside a transaction), and must leave
 * every foreign key satisfied before it commits.
 */
function applyMigration(db: Database.Database, file: string, m: Migration): void {
  const fkOff = m.sql.startsWith(FOREIGN_KEYS_OFF);
  const before = db.pragma('foreign_keys', { simple: true }) as number;
  if (fkOff) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      db.exec(m.sql);
      if (fkOff && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
        throw new ProjectError('E_MIGRATION', `migration ${m.name} would break references between tables; nothing was changed`, file);
      }
      db.pragma(`user_version = ${m.version}`);
    })();
  } finally {
    if (fkOff) db.pragma(`foreign_keys = ${before ? 'ON' : 'OFF'}`);
  }
}
