import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ProjectError } from '../../errors.js';
import { migrate, pendingMigrations } from './migrate.js';
import { APPLICATION_ID, checkOwnership, isLitkitSchema, readHeader } from './ownership.js';

export interface OpenOptions {
  /** Create the file when it does not exist (only `init` does this). */
  create?: boolean;
  readonly?: boolean;
}

/** Whether this process may write the file and create the WAL and shared-memory files beside it. */
function writable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(path.resolve(file)), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A write refused because the project cannot be written: one line, exit 4. */
export function readonlyError(file: string): ProjectError {
  return new ProjectError('E_READONLY', 'the project is read-only (the database file or its folder cannot be written); reading works, changes need write access', file);
}

/**
 * How long a write waits for another process's write to finish before giving up. The longest
 * single write of an ingest is storing one large document; measured by a second connection
 * polling BEGIN IMMEDIATE: 0.56 s for a 14 MB text of 20,800 segments on an idle machine, 2.5 s
 * for a 28 MB text of 41,600 segments (near the 32 MB text limit) with the 2 cores loaded 4×.
 * A minute leaves room for slower disks and `code auto` on a large project, without hanging
 * forever on a stuck process.
 */
export const BUSY_TIMEOUT_MS = 60_000;

/** Whether an error is SQLite giving up on a lock another connection holds. */
export const isBusyFailure = (err: unknown) => typeof (err as { code?: unknown })?.code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test((err as { code: string }).code);

/** A write that waited BUSY_TIMEOUT_MS for another process's lock: one line, exit 4. */
export function busyError(file?: string): ProjectError {
  return new ProjectError('E_BUSY', `another process kept the project locked for over ${BUSY_TIMEOUT_MS / 1000} s; try again when it has finished`, file);
}

/** Whether an error is SQLite refusing a write to a read-only database. */
export const isReadonlyFailure = (err: unknown) => typeof (err as { code?: unknown })?.code === 'string' && (err as { code: string }).code.startsWith('SQLITE_READONLY');

/**
 * Opens a WAL database that cannot be written: in place when SQLite can (the file is read-only
 * but its folder is not), else from a copy in memory, because a WAL database in a read-only
 * folder without its shared-memory file cannot be opened at all. The copy is marked as a
 * rollback-journal database (header bytes 18-19), which is what lets SQLite read it from memory.
 */
function openReadonly(file: string): Database.Database {
  try {
    const sql = new Database(file, { readonly: true, fileMustExist: true });
    sql.pragma('user_version');
    return sql;
  } catch {
    const copy = fs.readFileSync(file);
    copy[18] = 1;
    copy[19] = 1;
    return new Database(copy, { readonly: true });
  }
}

/** An open project database: one SQLite file, migrated to the newest schema on open. */
export class Db {
  readonly sql: Database.Database;

  private constructor(
    readonly file: string,
    sql: Database.Database,
  ) {
    this.sql = sql;
  }

  /**
   * Opens (and migrates) the project database at `file`. Only a litkit project is opened: a file
   * that is not SQLite, an empty file, or another program's database is refused untouched
   * (E_NOT_PROJECT). A project that cannot be written opens read-only (writes fail with E_READONLY).
   */
  static open(file: string, options: OpenOptions = {}): Db {
    const exists = fs.existsSync(file);
    if (!options.create && !exists) {
      throw new ProjectError('E_NO_PROJECT', 'no litkit project database here; run `litkit init` first', file);
    }
    const header = exists ? readHeader(file) : undefined;
    if (header) checkOwnership(file, header);
    const readonly = options.readonly || (exists && !writable(file));
    let sql: Database.Database | undefined;
    try {
      sql = readonly ? openReadonly(file) : new Database(file, { fileMustExist: !options.create });
      // A database from before application ids is adopted only if it holds litkit's schema.
      if (header && header.applicationId === 0 && !isLitkitSchema(sql)) {
        throw new ProjectError('E_NOT_PROJECT', 'an SQLite database, but not a litkit project (run `litkit init` in a folder of its own)', file);
      }
      if (!readonly) {
        sql.pragma('journal_mode = WAL');
        sql.pragma('synchronous = NORMAL');
      }
      sql.pragma('foreign_keys = ON');
      sql.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      // Large projects are read far more than written: map the file and keep a bigger page cache
      // than SQLite's 2 MB default (both measured in bench/query.js).
      sql.pragma('mmap_size = 1073741824');
      sql.pragma('cache_size = -65536');
      // Offsets are UTF-16 units (JavaScript string indexes), but SQLite's substr() counts code
      // points, which differ on pages with emoji and other characters beyond the BMP.
      sql.function('slice16', { deterministic: true }, (text: unknown, start: unknown, end: unknown) => String(text ?? '').slice(Number(start), Number(end)));
      sql.function('length16', { deterministic: true }, (text: unknown) => String(text ?? '').length);
      if (readonly) {
        if (pendingMigrations(sql, file) > 0) {
          throw new ProjectError('E_READONLY', 'the project was made by an older litkit and needs its schema upgraded, but it is read-only; open it once with write access', file);
        }
      } else {
        migrate(sql, file);
        if (sql.pragma('application_id', { simple: true }) !== APPLICATION_ID) sql.pragma(`application_id = ${APPLICATION_ID}`);
      }
    } catch (err) {
      sql?.close();
      if (err instanceof ProjectError) throw err;
      if (isReadonlyFailure(err)) throw readonlyError(file);
      const cause = err instanceof Error ? err.message : String(err);
      throw new ProjectError('E_PROJECT_UNREADABLE', `cannot open the project database: ${cause}`, file);
    }
    return new Db(file, sql);
  }

  /** Whether the database was opened read-only (a read-only file or folder). */
  get readonly(): boolean {
    return this.sql.readonly;
  }

  /** Throws E_READONLY unless the project can be written; for commands about to change it. */
  assertWritable(): void {
    if (this.readonly) throw readonlyError(this.file);
  }

  /**
   * Runs `fn` inside one transaction: all of its writes land, or none do. The write lock is taken
   * at the start (BEGIN IMMEDIATE), where SQLite waits for it: a transaction that read first and
   * then found another process had written would fail at once with SQLITE_BUSY, unretried.
   */
  transaction<T>(fn: () => T): T {
    try {
      return this.sql.transaction(fn).immediate();
    } catch (err) {
      if (isReadonlyFailure(err)) throw readonlyError(this.file);
      if (isBusyFailure(err)) throw busyError(this.file);
      throw err;
    }
  }

  close(): void {
    this.sql.close();
  }
}
