import { UsageError } from '../../errors.js';
import { getDocument } from '../documents/read.js';
import { audit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { normaliseDoi, normaliseTitle } from './types.js';

/** Links a record to an ingested document (its full text), so coding and reports cite both. */
export function attach(db: Db, recordId: number, documentId: number, actor = 'litkit'): void {
  if (!db.sql.prepare('SELECT 1 FROM records WHERE id = ?').get(recordId)) throw new UsageError('E_NO_RECORD', `no record ${recordId}`);
  getDocument(db, documentId);
  db.transaction(() => {
    db.sql.prepare('UPDATE records SET document_id = ? WHERE id = ?').run(documentId, recordId);
    audit(db, actor, 'records.attach', String(recordId), { documentId });
  });
}

/**
 * Links records without a full text to ingested documents that are theirs: the record's DOI
 * printed on the document's first two pages, or the same title. Returns the links made.
 */
export function linkRecords(db: Db): { recordId: number; documentId: number; by: 'doi' | 'title' }[] {
  const records = db.sql.prepare('SELECT id, title, doi FROM records WHERE document_id IS NULL AND duplicate_of IS NULL').all() as { id: number; title: string; doi: string | null }[];
  if (!records.length) return [];
  const docs = db.sql.prepare("SELECT d.id, d.title, (SELECT group_concat(text, ' ') FROM pages p WHERE p.document_id = d.id AND p.number <= 2) AS head FROM documents d").all() as { id: number; title: string; head: string | null }[];
  const byDoi = new Map<string, number>();
  const byTitle = new Map<string, number>();
  for (const d of docs) {
    for (const m of (d.head ?? '').matchAll(/10\.\d{4,9}\/[^\s"<>]+/g)) {
      const doi = normaliseDoi(m[0]);
      if (doi && !byDoi.has(doi)) byDoi.set(doi, d.id);
    }
    byTitle.set(normaliseTitle(d.title), d.id);
  }
  const links: { recordId: number; documentId: number; by: 'doi' | 'title' }[] = [];
  for (const r of records) {
    const viaDoi = r.doi ? byDoi.get(r.doi) : undefined;
    const viaTitle = normaliseTitle(r.title).length > 15 ? byTitle.get(normaliseTitle(r.title)) : undefined;
    const documentId = viaDoi ?? viaTitle;
    if (documentId === undefined) continue;
    attach(db, r.id, documentId, 'auto');
    links.push({ recordId: r.id, documentId, by: viaDoi ? 'doi' : 'title' });
  }
  return links;
}
