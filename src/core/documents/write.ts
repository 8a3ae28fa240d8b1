import type { Db } from '../store/db.js';
import type { Format, PreparedDocument } from '../ingest/types.js';
import { refreshRepeats } from './repeats.js';
import { saveRedactions } from '../privacy/report.js';

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
  const s = db.sql;
  const insertDoc = s.prepare(
    `INSERT INTO documents (sha256, source_path, title, authors, year, format, page_count, bytes, status, error, engine, added_at)
     VALUES (@sha256, @sourcePath, @title, @authors, @year, @format, @pageCount, @bytes, @status, @error, @engine, @addedAt)`,
  );
  const insertPage = s.prepare('INSERT INTO pages (document_id, number, text) VALUES (?, ?, ?)');
  const insertSegment = s.prepare(
    'INSERT INTO segments (document_id, page, seq, start, end, text, kind, own_kind, para, repeat_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAttr = s.prepare('INSERT OR REPLACE INTO document_attributes (document_id, key, value) VALUES (?, ?, ?)');
  const { prepared } = doc;
  const overrides = metaOverrides(doc.attributes);
  return db.transaction(() => {
    const id = Number(
      insertDoc.run({
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
      }).lastInsertRowid,
    );
    prepared.pages.forEach((text, i) => insertPage.run(id, i + 1, text));
    if (prepared.redactions) saveRedactions(db, id, prepared.redactions);
    prepared.segments.forEach((seg, i) => {
      const text = prepared.pages[seg.page - 1]!.slice(seg.start, seg.end);
      insertSegment.run(id, seg.page, i + 1, seg.start, seg.end, text, seg.kind, seg.kind, seg.para, seg.repeatKey);
    });
    refreshRepeats(db, [...new Set(prepared.segments.flatMap((seg) => seg.repeatKey ?? []))]);
    // What the file states about its source, under what the user set with --attr (key= drops one).
    for (const [key, value] of Object.entries({ ...prepared.meta.source, ...doc.attributes })) if (value) insertAttr.run(id, key, value);
    return id;
  });
}
