import { UsageError } from '../../errors.js';
import { doiIn } from '../text/identifiers.js';
import { audit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { getDocument } from './read.js';

/**
 * `doi` and `url` as references print them: a DOI given as `doi:…` or a doi.org address is stored
 * bare (`10.1234/abc`); anything that is not a DOI or an http(s) address is refused before a write.
 */
function checkedSource(attributes: Record<string, string>): Record<string, string> {
  const out = { ...attributes };
  if (out.doi) {
    const doi = doiIn(out.doi);
    if (!doi) throw new UsageError('E_USAGE', `doi must be a DOI such as 10.1234/abc or https://doi.org/10.1234/abc, got "${out.doi}"`);
    out.doi = doi;
  }
  if (out.url && !/^https?:\/\/\S+$/i.test(out.url.trim())) throw new UsageError('E_USAGE', `url must be an http(s) address, got "${out.url}"`);
  return out;
}

/**
 * Sets (or, with an empty value, removes) attributes of stored documents. `title`, `authors` and
 * `year` also correct the document's own fields, as they do at ingest.
 */
export function setAttributes(db: Db, ids: number[], given: Record<string, string>, actor = 'litkit'): void {
  for (const id of ids) getDocument(db, id);
  const attributes = checkedSource(given);
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
      // Keys only: the log outlives a purge and cannot be edited, and values may name people.
      audit(db, actor, 'docs.attr', String(id), { keys: Object.keys(attributes) });
    }
  });
}
