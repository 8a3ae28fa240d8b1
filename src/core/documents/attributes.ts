import { UsageError } from '../../errors.js';
import { audit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { getDocument } from './read.js';

/**
 * Sets (or, with an empty value, removes) attributes of stored documents. `title`, `authors` and
 * `year` also correct the document's own fields, as they do at ingest.
 */
export function setAttributes(db: Db, ids: number[], attributes: Record<string, string>, actor = 'litkit'): void {
  for (const id of ids) getDocument(db, id);
  if (attributes.year && !/^\d{4}$/.test(attributes.year)) throw new UsageError('E_USAGE', `year must be four digits, got "${attributes.year}"`);
  db.transaction(() => {
    const set = db.sql.prepare('INSERT INTO document_attributes (document_id, key, value) VALUES (?, ?, ?) ON CONFLICT(document_id, key) DO UPDATE SET value = excluded.value');
    const del = db.sql.prepare('DELETE FROM document_attributes WHERE document_id = ? AND key = ?');
    for (const id of ids) {
      for (const [key, value] of Object.entries(attributes)) {
        if (value === '') del.run(id, key);
        else set.run(id, key, value);
        if (key === 'title' && value) db.sql.prepare('UPDATE documents SET title = ? WHERE id = ?').run(value, id);
        if (key === 'authors') db.sql.prepare('UPDATE documents SET authors = ? WHERE id = ?').run(value || null, id);
        if (key === 'year') db.sql.prepare('UPDATE documents SET year = ? WHERE id = ?').run(value ? Number(value) : null, id);
      }
      audit(db, actor, 'docs.attr', String(id), attributes);
    }
  });
}
