import type { Db } from '../store/db.js';
import type { Format, PreparedDocument } from './types.js';
import { insertCases } from '../cases/store.js';
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
  const insertDoc = db.sql.prepare(
    `INSERT INTO documents (sha256, source_path, title, authors, year, format, page_count, bytes, status, error, engine, added_at)
     VALUES (@sha256, @sourcePath, @title, @authors, @year, @format, @pageCount, @bytes, @status, @error, @engine, @addedAt)`,
  );
  return staged(db, doc, () =>
    db.transaction(() => {
      const id = Number(insertDoc.run(documentColumns(doc)).lastInsertRowid);
      writeContent(db, id, doc);
      return id;
    }),
  );
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
  staged(db, doc, () =>
    db.transaction(() => {
      // What the user set since (docs attr: a corrected title, a type) wins over the new reading.
      const stored = db.sql.prepare('SELECT key, value FROM document_attributes WHERE document_id = ?').raw().all(id) as [string, string][];
      doc = { ...doc, attributes: { ...Object.fromEntries(stored), ...doc.attributes } };
      update.run({ ...documentColumns(doc), id });
      db.sql.prepare('DELETE FROM segments WHERE document_id = ?').run(id);
      db.sql.prepare('DELETE FROM pages WHERE document_id = ?').run(id);
      db.sql.prepare('DELETE FROM cases WHERE document_id = ?').run(id);
      writeContent(db, id, doc);
    }),
  );
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

/**
 * Runs `write` with the document's pages and segments staged in this connection's TEMP database.
 * Filling the staging tables row by row takes no lock on the project, so other writers (a second
 * ingest, `code`, `memo`, `screen`) are not kept waiting meanwhile; the write then copies the rows
 * in with one INSERT … SELECT per table (writeContent). That also lets FTS5 index the segments in
 * one statement: inserted one statement at a time, FTS5 flushes its index at every statement, and
 * the lock lasted twice to four times longer (1.1 s instead of 0.56 s for a 20,800-segment text).
 */
function staged<T>(db: Db, doc: NewDocument, write: () => T): T {
  const s = db.sql;
  s.exec(`
    CREATE TEMP TABLE IF NOT EXISTS staged_pages (number INTEGER NOT NULL, text TEXT NOT NULL, ocr INTEGER NOT NULL, ocr_confidence REAL);
    CREATE TEMP TABLE IF NOT EXISTS staged_segments (
      page INTEGER NOT NULL, seq INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
      kind TEXT NOT NULL, para INTEGER, repeat_key TEXT, case_kind TEXT, case_label TEXT, question TEXT, time_s INTEGER);`);
  const clear = () => s.exec('DELETE FROM temp.staged_pages; DELETE FROM temp.staged_segments;');
  const page = s.prepare('INSERT INTO temp.staged_pages (number, text, ocr, ocr_confidence) VALUES (?, ?, ?, ?)');
  const segment = s.prepare(
    `INSERT INTO temp.staged_segments (page, seq, start, end, text, kind, para, repeat_key, case_kind, case_label, question, time_s)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const { prepared } = doc;
  const ocr = new Map(prepared.ocr?.map((p) => [p.page, p.confidence]));
  s.transaction(() => {
    clear();
    prepared.pages.forEach((text, i) => {
      const confidence = ocr.get(i + 1);
      page.run(i + 1, text, confidence === undefined ? 0 : 1, confidence ?? null);
    });
    prepared.segments.forEach((seg, i) => {
      const text = prepared.pages[seg.page - 1]!.slice(seg.start, seg.end);
      // The respondent who wrote an answer or the speaker of a turn: resolved to its case row on write.
      const [caseKind, caseLabel] = seg.respondent !== undefined ? ['respondent', seg.respondent] : seg.speaker !== undefined ? ['speaker', seg.speaker] : [null, null];
      segment.run(seg.page, i + 1, seg.start, seg.end, text, seg.kind, seg.para, seg.repeatKey, caseKind, caseLabel, seg.question ?? null, seg.timeS ?? null);
    });
  })();
  try {
    return write();
  } finally {
    // Staged text would otherwise stay in memory (or a temp file) until the next document.
    clear();
  }
}

/** Pages (with what OCR recognised marked), segments and attributes of a document row just written, from the staged rows. */
function writeContent(db: Db, id: number, doc: NewDocument): void {
  const s = db.sql;
  s.prepare('INSERT INTO pages (document_id, number, text, ocr, ocr_confidence) SELECT ?, number, text, ocr, ocr_confidence FROM temp.staged_pages').run(id);
  const { prepared } = doc;
  if (prepared.redactions) saveRedactions(db, id, prepared.redactions);
  insertCases(db, id, prepared.cases ?? []);
  s.prepare(
    `INSERT INTO segments (document_id, page, seq, start, end, text, kind, own_kind, para, repeat_key, case_id, question, time_s)
     SELECT @id, page, seq, start, end, text, kind, kind, para, repeat_key,
            (SELECT c.id FROM cases c WHERE c.document_id = @id AND c.kind = ss.case_kind AND c.label = ss.case_label), question, time_s
     FROM temp.staged_segments ss ORDER BY seq`,
  ).run({ id });
  refreshRepeats(db, [...new Set(prepared.segments.flatMap((seg) => seg.repeatKey ?? []))]);
  // What the file states about its source, under what the user set with --attr (key= drops one).
  const insertAttr = s.prepare('INSERT OR REPLACE INTO document_attributes (document_id, key, value) VALUES (?, ?, ?)');
  for (const [key, value] of Object.entries({ ...prepared.meta.source, ...doc.attributes })) if (value) insertAttr.run(id, key, value);
}
