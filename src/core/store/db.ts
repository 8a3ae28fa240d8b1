import fs from 'node:fs';
import Database from 'better-sqlite3';
import { ProjectError } from '../../errors.js';
import { migrate } from './migrate.js';

export interface OpenOptions {
  /** Create the file when it does not exist (only `init` does this). */
  create?: boolean;
  readonly?: boolean;
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

  /** Opens (and migrates) the project database at `file`. */
  static open(file: string, options: OpenOptions = {}): Db {
    if (!options.create && !fs.existsSync(file)) {
      throw new ProjectError('E_NO_PROJECT', 'no litkit project database here; run `litkit init` first', file);
    }
    let sql: Database.Database;
    try {
      sql = new Database(file, { readonly: options.readonly ?? false, fileMustExist: !options.create });
      sql.pragma('journal_mode = WAL');
      sql.pragma('synchronous = NORMAL');
      sql.pragma('foreign_keys = ON');
      sql.pragma('busy_timeout = 5000');
      // Large projects are read far more than written: map the file and keep a bigger page cache
      // than SQLite's 2 MB default (both measured in bench/query.js).
      sql.pragma('mmap_size = 1073741824');
      sql.pragma('cache_size = -65536');
      // Offsets are UTF-16 units (JavaScript string indexes), but SQLite's substr() counts code
      // points, which differ on pages with emoji and other characters beyond the BMP.
      sql.function('slice16', { deterministic: true }, (text: unknown, start: unknown, end: unknown) => String(text ?? '').slice(Number(start), Number(end)));
      if (!options.readonly) migrate(sql, file);
    } catch (err) {
      if (err instanceof ProjectError) throw err;
      const cause = err instanceof Error ? err.message : String(err);
      throw new ProjectError('E_PROJECT_UNREADABLE', `cannot open the project database: ${cause}`, file);
    }
    return new Db(file, sql);
  }

  /** Runs `fn` inside one transaction: all of its writes land, or none do. */
  transaction<T>(fn: () => T): T {
    return this.sql.transaction(fn)();
  }

  close(): void {
    this.sql.close();
  }
}
