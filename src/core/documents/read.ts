import { UsageError } from '../../errors.js';
import type { Db } from '../store/db.js';
import type { AttributeRow, DocumentRow, PageRow } from './rows.js';

/** A stored document as the rest of litkit sees it. */
export interface DocumentInfo {
  id: number;
  title: string;
  authors: string | null;
  year: number | null;
  format: string;
  pages: number;
  segments: number;
  bytes: number;
  status: 'ok' | 'no-text';
  note: string | null;
  engine: string | null;
  sourcePath: string;
  sha256: string;
  addedAt: string;
  attributes: Record<string, string>;
}

interface ListedRow extends DocumentRow {
  segment_count: number;
}

function toInfo(row: ListedRow, attributes: Record<string, string>): DocumentInfo {
  return {
    id: row.id,
    title: row.title,
    authors: row.authors,
    year: row.year,
    format: row.format,
    pages: row.page_count,
    segments: row.segment_count,
    bytes: row.bytes,
    status: row.status,
    note: row.error,
    engine: row.engine,
    sourcePath: row.source_path,
    sha256: row.sha256,
    addedAt: row.added_at,
    attributes,
  };
}

function attributesOf(db: Db, ids: number[]): Map<number, Record<string, string>> {
  const map = new Map<number, Record<string, string>>();
  // Only the documents asked for: getDocument asks for one, and must not read every attribute.
  const rows = db.sql
    .prepare('SELECT document_id, key, value FROM document_attributes WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY key')
    .all(JSON.stringify(ids)) as AttributeRow[];
  for (const r of rows) {
    const attrs = map.get(r.document_id) ?? {};
    attrs[r.key] = r.value;
    map.set(r.document_id, attrs);
  }
  return map;
}

const LIST_SQL = `SELECT d.*, (SELECT count(*) FROM segments s WHERE s.document_id = d.id) AS segment_count FROM documents d`;

/** Every stored document, in the order they were added. */
export function listDocuments(db: Db): DocumentInfo[] {
  const rows = db.sql.prepare(`${LIST_SQL} ORDER BY d.id`).all() as ListedRow[];
  const attrs = attributesOf(db, rows.map((r) => r.id));
  return rows.map((r) => toInfo(r, attrs.get(r.id) ?? {}));
}

/** One stored document; a usage error naming the id when there is none. */
export function getDocument(db: Db, id: number): DocumentInfo {
  const row = db.sql.prepare(`${LIST_SQL} WHERE d.id = ?`).get(id) as ListedRow | undefined;
  if (!row) throw new UsageError('E_NO_DOCUMENT', `no document with id ${id} (see \`litkit docs list\`)`);
  return toInfo(row, attributesOf(db, [id]).get(id) ?? {});
}

/** The stored text of one page of a document. */
export function getPage(db: Db, id: number, page: number): string {
  const doc = getDocument(db, id);
  const row = db.sql.prepare('SELECT * FROM pages WHERE document_id = ? AND number = ?').get(id, page) as PageRow | undefined;
  if (!row) throw new UsageError('E_NO_PAGE', `document ${id} has pages 1 to ${doc.pages}; there is no page ${page}`);
  return row.text;
}

/** Character count of each page, for an overview of a document. */
export function pageLengths(db: Db, id: number): { page: number; chars: number }[] {
  return db.sql
    .prepare('SELECT number AS page, length(text) AS chars FROM pages WHERE document_id = ? ORDER BY number')
    .all(id) as { page: number; chars: number }[];
}
