import type { Db } from '../store/db.js';
import { logIngest } from './log.js';
import { getDocument } from './read.js';
import { documentRepeatKeys, refreshRepeats } from './repeats.js';
import { scrubFreedText } from '../privacy/scrub.js';

/** What removing a document took with it. */
export interface Removed {
  id: number;
  title: string;
  segments: number;
  codings: number;
  memos: number;
}

/** Deletes the document's rows; memos on it and on its codings go too (they would dangle). */
function deleteDocumentRows(db: Db, id: number): { codings: number; memos: number } {
  const s = db.sql;
  const keys = documentRepeatKeys(db, id);
  const codingIds = s.prepare('SELECT id FROM codings WHERE document_id = ?').pluck().all(id) as number[];
  const memoOn = s.prepare("DELETE FROM memos WHERE (target_kind = 'document' AND target = ?) OR (target_kind = 'coding' AND target IN (SELECT value FROM json_each(?)))");
  const memos = memoOn.run(String(id), JSON.stringify(codingIds.map(String))).changes;
  // Segments go explicitly first so that the FTS delete trigger sees each row's text.
  s.prepare('DELETE FROM segments WHERE document_id = ?').run(id);
  refreshRepeats(db, keys);
  s.prepare('DELETE FROM documents WHERE id = ?').run(id);
  return { codings: codingIds.length, memos };
}

/**
 * Removes a document and everything derived from it (pages, segments, their full-text index rows,
 * attributes, codings and the memos on it and its codings) in one transaction; the ingest log keeps
 * a record that it was removed. Text it shared with other documents is boilerplate no longer if the
 * rest now have it too rarely.
 */
export function removeDocument(db: Db, id: number): Removed {
  const doc = getDocument(db, id);
  const r = db.transaction(() => {
    const r = deleteDocumentRows(db, id);
    logIngest(db, { path: doc.sourcePath, outcome: 'removed', sha256: doc.sha256, documentId: id });
    return r;
  });
  return { id, title: doc.title, segments: doc.segments, ...r };
}

/**
 * Erases documents: removes each as `removeDocument` does, also its lines in the ingest log (which
 * name its file) and the records' links to it, then scrubs the file so that none of its text, title
 * or memos can be read from the database or its WAL. The ingest log keeps one line per purge with
 * the id only. Every id is checked before anything is deleted.
 */
export function purgeDocuments(db: Db, ids: number[]): Removed[] {
  const docs = ids.map((id) => getDocument(db, id));
  const removed = db.transaction(() =>
    docs.map((doc) => {
      const r = deleteDocumentRows(db, doc.id);
      db.sql.prepare('DELETE FROM ingest_log WHERE document_id = ? OR sha256 = ?').run(doc.id, doc.sha256);
      logIngest(db, { path: '(purged)', outcome: 'removed', documentId: doc.id, message: 'purged: text, metadata and everything derived erased' });
      return { id: doc.id, title: doc.title, segments: doc.segments, ...r };
    }),
  );
  scrubFreedText(db);
  return removed;
}
