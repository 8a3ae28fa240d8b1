import type { Db } from '../store/db.js';

/** Text in this many documents (the segment's own and two others) is template or portal text, not a source's own words. */
export const REPEAT_DOCUMENTS = 3;

/**
 * Sets `kind` of every segment whose text has one of these repeat keys: 'boilerplate' while the
 * text is in REPEAT_DOCUMENTS or more documents, its own kind otherwise. Called inside the
 * transaction that adds or removes a document, with that document's keys, so the corpus never
 * shows a half-updated state and the cost follows the document, not the corpus.
 */
export function refreshRepeats(db: Db, keys: string[]): void {
  if (!keys.length) return;
  db.sql
    .prepare(
      `WITH counts AS (SELECT repeat_key AS key, count(DISTINCT document_id) >= @min AS shared FROM segments
                       WHERE repeat_key IN (SELECT value FROM json_each(@keys)) GROUP BY repeat_key),
            wanted AS (SELECT s.id, CASE WHEN c.shared THEN 'boilerplate' ELSE s.own_kind END AS kind
                       FROM segments s JOIN counts c ON s.repeat_key = c.key)
       -- Only rows whose kind changes are written: most keep theirs.
       UPDATE segments SET kind = wanted.kind FROM wanted WHERE segments.id = wanted.id AND segments.kind != wanted.kind`,
    )
    .run({ keys: JSON.stringify(keys), min: REPEAT_DOCUMENTS });
}

/** The repeat keys of a document's segments. */
export function documentRepeatKeys(db: Db, documentId: number): string[] {
  return db.sql.prepare('SELECT DISTINCT repeat_key FROM segments WHERE document_id = ? AND repeat_key IS NOT NULL').pluck().all(documentId) as string[];
}
