-- litkit: foreign-keys-off
-- OCR (ingest --ocr): which pages' text was recognised from their image and how surely, and image
-- files (PNG, JPEG, TIFF) as documents of one page. The rebuild of documents also makes its ids
-- AUTOINCREMENT, so that a removed document's id is never given to the next one (a memo, a
-- reviewer's note or an exported citation naming document 12 never comes to mean another).
--
-- pages.ocr:            1 when the page's text came from OCR, 0 when from the file's own text.
-- pages.ocr_confidence: tesseract's mean word confidence for the page, 0 to 100 (NULL without OCR).
ALTER TABLE pages ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0 CHECK (ocr IN (0, 1));
ALTER TABLE pages ADD COLUMN ocr_confidence REAL CHECK (ocr_confidence BETWEEN 0 AND 100);

-- documents.format gains 'image'. SQLite cannot change a CHECK in place, so the table is rebuilt
-- as SQLite documents it (lang_altertable.html, "other kinds of table schema changes"): with
-- foreign keys off for this migration (the first line asks the runner for that), so that
-- dropping the old table does not cascade to pages, segments and codings; the runner checks the
-- foreign keys before committing. No index, trigger or view names this table.
CREATE TABLE documents_new (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  sha256      TEXT NOT NULL UNIQUE,
  source_path TEXT NOT NULL,
  title       TEXT NOT NULL,
  authors     TEXT,             -- as found, people separated by '; '
  year        INTEGER,
  format      TEXT NOT NULL CHECK (format IN ('pdf', 'docx', 'html', 'txt', 'md', 'image')),
  page_count  INTEGER NOT NULL,
  bytes       INTEGER NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('ok', 'no-text')),
  error       TEXT,             -- why a no-text document has no text
  engine      TEXT,             -- the extractor that produced the text ('+tesseract' when OCR read pages)
  added_at    TEXT NOT NULL
) STRICT;
INSERT INTO documents_new SELECT * FROM documents;
DROP TABLE documents;
ALTER TABLE documents_new RENAME TO documents;
