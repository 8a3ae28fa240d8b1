import { UsageError } from '../../errors.js';
import type { Db } from '../store/db.js';
import { CITED_PARA, citeRow, type CitationColumns } from './citation.js';
import { SEGMENT_KINDS, type SegmentKind } from './kinds.js';
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
    .prepare('SELECT number AS page, length16(text) AS chars FROM pages WHERE document_id = ? ORDER BY number')
    .all(id) as { page: number; chars: number }[];
}

/** A stored segment with what it is and how it is cited. */
export interface SegmentInfo {
  id: number;
  seq: number;
  page: number;
  start: number;
  end: number;
  kind: SegmentKind;
  /** The paragraph a reader counts; null for segments not counted (headings, tables, source lines). */
  para: number | null;
  /** A transcript turn's speaker and time, a survey answer's respondent and question (null elsewhere). */
  who: string | null;
  citation: string;
  text: string;
}

interface SegmentListRow extends CitationColumns {
  id: number;
  seq: number;
  start: number;
  end: number;
  kind: SegmentKind;
  own_para: number | null;
  text: string;
}

/** A document's segments in reading order, optionally of one page and of some kinds only. */
export function listSegments(db: Db, id: number, options: { page?: number; kinds?: readonly SegmentKind[] } = {}): SegmentInfo[] {
  getDocument(db, id);
  const rows = db.sql
    .prepare(
      `SELECT s.id, s.seq, s.page, s.start, s.end, s.kind, s.para AS own_para, s.text, d.title, d.year, d.format, d.page_count, ${CITED_PARA}
       FROM segments s JOIN documents d ON d.id = s.document_id
       WHERE s.document_id = @id AND (@page IS NULL OR s.page = @page) AND s.kind IN (SELECT value FROM json_each(@kinds))
       ORDER BY s.seq`,
    )
    .all({ id, page: options.page ?? null, kinds: JSON.stringify(options.kinds ?? SEGMENT_KINDS) }) as SegmentListRow[];
  return rows.map((r) => ({
    id: r.id, seq: r.seq, page: r.page, start: r.start, end: r.end, kind: r.kind, para: r.own_para, who: r.place ?? null, citation: citeRow(r), text: r.text,
  }));
}

/** How many segments of each kind a document has (kinds it has none of are left out). */
export function segmentKindCounts(db: Db, id: number): Partial<Record<SegmentKind, number>> {
  const rows = db.sql.prepare('SELECT kind, count(*) AS n FROM segments WHERE document_id = ? GROUP BY kind').all(id) as { kind: SegmentKind; n: number }[];
  rows.sort((a, b) => SEGMENT_KINDS.indexOf(a.kind) - SEGMENT_KINDS.indexOf(b.kind));
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}
