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
  // A migration that rebuilds a table (drop and rename) must not set off ON DELETE actions, so
  // foreign keys are off while migrations run (they cannot change inside a transaction) and
  // checked before each one commits.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (const m of migrations.slice(current, target)) {
      db.transaction(() => {
        db.exec(m.sql);
        const broken = db.pragma('foreign_key_check') as { table: string }[];
        if (broken.length) throw new Error(`migration ${m.name} left ${broken.length} rows of ${broken[0]!.table} without their parent`);
        db.pragma(`user_version = ${m.version}`);
      })();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return target;
}
