import type { Db } from '../store/db.js';

/**
 * Makes deleted and overwritten text unrecoverable from the project file: merges the full-text
 * index (FTS5 keeps a removed row's terms in old segments until they merge), zeroes freed pages,
 * rebuilds the file (VACUUM) and empties the write-ahead log, which still holds old page images.
 */
export function scrubFreedText(db: Db): void {
  db.sql.pragma('secure_delete = ON');
  db.sql.exec("INSERT INTO segments_fts(segments_fts) VALUES ('optimize')");
  db.sql.exec('VACUUM');
  db.sql.pragma('wal_checkpoint(TRUNCATE)');
}
