import type { Db } from '../store/db.js';
import type { Format, PreparedDocument } from '../ingest/types.js';
import { refreshRepeats } from './repeats.js';

export interface NewDocument {
  sha256: string;
  sourcePath: string;
  format: Format;
  bytes: number;
  prepared: PreparedDocument;
  attributes: Record<string, string>;
}

/** Attributes with these keys also set the document's own bibliographic fields. */
function metaOverrides(attributes: Record<string, string>) {
  const year = attributes.year && /^\d{4}$/.test(attributes.year) ? Number(attributes.year) : undefined;
  return { title: attributes.title, authors: attributes.authors, year };
}

/**
 * Stores a prepared document (row, pages, segments and, through triggers, the full-text index) in
 * one transaction: it is either all there or not there at all. Returns the new document id.
 */
export function insertDocument(db: Db, doc: NewDocument): number {
  const insertDoc = db.sql.prepare(
    `INSERT INTO documents (sha256, source_path, title, authors, year, format, page_count, bytes, status, error, engine, added_at)
     VALUES (@sha256, @sourcePath, @title, @authors, @year, @format, @pageCount, @bytes, @status, @error, @engine, @addedAt)`,
  );
  return db.transaction(() => {
    const id = Number(insertDoc.run(documentColumns(doc)).lastInsertRowid);
    writeContent(db, id, doc);
    return id;
  });
}

/**
 * Replaces a stored document's text (row, pages, segments) with a new reading of the same file,
 * keeping its id, and the attributes and corrected title, authors and year a user set: `ingest
 * --ocr` on a document stored without text.
 */
export function replaceDocument(db: Db, id: number, doc: NewDocument): void {
  const update = db.sql.prepare(
    `UPDATE documents SET title = @title, authors = @authors, year = @year, page_count = @pageCount, status = @status,
       error = @error, engine = @engine WHERE id = @id`,
  );
  db.transaction(() => {
    // What the user set since (docs attr: a corrected title, a type) wins over the new reading.
    const stored = db.sql.prepare('SELECT key, value FROM document_attributes WHERE document_id = ?').raw().all(id) as [string, string][];
    doc = { ...doc, attributes: { ...Object.fromEntries(stored), ...doc.attributes } };
    update.run({ ...documentColumns(doc), id });
    db.sql.prepare('DELETE FROM segments WHERE document_id = ?').run(id);
    db.sql.prepare('DELETE FROM pages WHERE document_id = ?').run(id);
    writeContent(db, id, doc);
  });
}

function documentColumns(doc: NewDocument) {
  const { prepared } = doc;
  const overrides = metaOverrides(doc.attributes);
  return {
    sha256: doc.sha256,
    sourcePath: doc.sourcePath,
    title: overrides.title ?? prepared.meta.title ?? doc.sourcePath,
    authors: overrides.authors ?? prepared.meta.authors ?? null,
    year: overrides.year ?? prepared.meta.year ?? null,
    format: doc.format,
    pageCount: prepared.pages.length,
    bytes: doc.bytes,
    status: prepared.status,
    error: prepared.reason ?? null,
    engine: prepared.engine,
    addedAt: new Date().toISOString(),
  };
}

/** Pages (with what OCR recognised marked), segments and attributes of a document row just written. */
function writeContent(db: Db, id: number, doc: NewDocument): void {
  const s = db.sql;
  const insertPage = s.prepare('INSERT INTO pages (document_id, number, text, ocr, ocr_confidence) VALUES (?, ?, ?, ?, ?)');
  const insertSegment = s.prepare(
    'INSERT INTO segments (document_id, page, seq, start, end, text, kind, own_kind, para, repeat_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAttr = s.prepare('INSERT OR REPLACE INTO document_attributes (document_id, key, value) VALUES (?, ?, ?)');
  const { prepared } = doc;
  const ocr = new Map(prepared.ocr?.map((p) => [p.page, p.confidence]));
  prepared.pages.forEach((text, i) => {
    const confidence = ocr.get(i + 1);
    insertPage.run(id, i + 1, text, confidence === undefined ? 0 : 1, confidence ?? null);
  });
  prepared.segments.forEach((seg, i) => {
    const text = prepared.pages[seg.page - 1]!.slice(seg.start, seg.end);
    insertSegment.run(id, seg.page, i + 1, seg.start, seg.end, text, seg.kind, seg.kind, seg.para, seg.repeatKey);
  });
  refreshRepeats(db, [...new Set(prepared.segments.flatMap((seg) => seg.repeatKey ?? []))]);
  // What the file states about its source, under what the user set with --attr (key= drops one).
  for (const [key, value] of Object.entries({ ...prepared.meta.source, ...doc.attributes })) if (value) insertAttr.run(id, key, value);
}
