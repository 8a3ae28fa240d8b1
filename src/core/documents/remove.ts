import type { Db } from '../store/db.js';
import { logIngest } from './log.js';
import { getDocument } from './read.js';
import { documentRepeatKeys, refreshRepeats } from './repeats.js';

/**
 * Removes a document and everything derived from it (pages, segments, their full-text index rows,
 * attributes) in one transaction; the ingest log keeps a record that it was removed. Text it shared
 * with other documents is boilerplate no longer if the rest now have it too rarely.
 */
export function removeDocument(db: Db, id: number): { id: number; title: string; segments: number } {
  const doc = getDocument(db, id);
  db.transaction(() => {
    const keys = documentRepeatKeys(db, id);
    // Segments go explicitly first so that the FTS delete trigger sees each row's text.
    db.sql.prepare('DELETE FROM segments WHERE document_id = ?').run(id);
    refreshRepeats(db, keys);
    db.sql.prepare('DELETE FROM documents WHERE id = ?').run(id);
    logIngest(db, { path: doc.sourcePath, outcome: 'removed', sha256: doc.sha256, documentId: id });
  });
  return { id, title: doc.title, segments: doc.segments };
}
