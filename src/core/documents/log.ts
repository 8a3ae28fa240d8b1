import type { Db } from '../store/db.js';

export type IngestOutcome = 'stored' | 'no-text' | 'skipped' | 'failed' | 'removed';

export interface IngestLogEntry {
  path: string;
  outcome: IngestOutcome;
  sha256?: string;
  documentId?: number;
  code?: string;
  message?: string;
  pages?: number;
  ms?: number;
}

/** Appends one line to the project's ingest log (never updated, never deleted). */
export function logIngest(db: Db, e: IngestLogEntry): void {
  db.sql
    .prepare(
      `INSERT INTO ingest_log (at, path, sha256, outcome, document_id, code, message, pages, ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(new Date().toISOString(), e.path, e.sha256 ?? null, e.outcome, e.documentId ?? null, e.code ?? null, e.message ?? null, e.pages ?? null, e.ms ?? null);
}

export interface FailedFile {
  path: string;
  code: string;
  message: string;
  at: string;
}

/**
 * Files whose latest ingest attempt failed and that are not in the project: a file stored by one
 * run while another run failed it (two ingests at once) is stored, whatever the log's order.
 */
export function failedFiles(db: Db): FailedFile[] {
  return db.sql
    .prepare(
      `SELECT l.path, l.code, l.message, l.at FROM ingest_log l
       WHERE l.id = (SELECT max(id) FROM ingest_log WHERE path = l.path AND outcome <> 'removed')
         AND l.outcome = 'failed'
         AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.source_path = l.path)
       ORDER BY l.path`,
    )
    .all() as FailedFile[];
}
