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
      `WITH k AS (SELECT DISTINCT value AS key FROM json_each(@keys)),
            shared AS (SELECT s.repeat_key AS key FROM segments s JOIN k ON s.repeat_key = k.key
                       GROUP BY s.repeat_key HAVING count(DISTINCT s.document_id) >= @min)
       UPDATE segments SET kind = CASE WHEN repeat_key IN (SELECT key FROM shared) THEN 'boilerplate' ELSE own_kind END
       WHERE repeat_key IN (SELECT key FROM k)
         -- Rewriting a row with the kind it has costs as much as changing it; most rows keep theirs.
         AND kind != CASE WHEN repeat_key IN (SELECT key FROM shared) THEN 'boilerplate' ELSE own_kind END`,
    )
    .run({ keys: JSON.stringify(keys), min: REPEAT_DOCUMENTS });
}

/** The repeat keys of a document's segments. */
export function documentRepeatKeys(db: Db, documentId: number): string[] {
  return db.sql.prepare('SELECT DISTINCT repeat_key FROM segments WHERE document_id = ? AND repeat_key IS NOT NULL').pluck().all(documentId) as string[];
}
