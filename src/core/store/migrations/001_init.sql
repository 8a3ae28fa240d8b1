-- litkit project schema, version 1.
-- Offsets: every start/end is a JavaScript string index (UTF-16 code unit) into pages.text of the
-- same document and page. Conversion to other units happens only at the edges (e.g. QDPX export).

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- A row here is a fully stored document: its pages, segments and index rows were written in the
-- same transaction. Files that failed are recorded in ingest_log only.
CREATE TABLE documents (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT NOT NULL UNIQUE,
  source_path TEXT NOT NULL,
  title       TEXT NOT NULL,
  authors     TEXT,             -- as found, people separated by '; '
  year        INTEGER,
  format      TEXT NOT NULL CHECK (format IN ('pdf', 'docx', 'html', 'txt', 'md')),
  page_count  INTEGER NOT NULL,
  bytes       INTEGER NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('ok', 'no-text')),
  error       TEXT,             -- why a no-text document has no text
  engine      TEXT,             -- the extractor that produced the text
  added_at    TEXT NOT NULL
) STRICT;

CREATE TABLE pages (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  number      INTEGER NOT NULL, -- 1-based, as printed in citations
  text        TEXT NOT NULL,
  PRIMARY KEY (document_id, number)
) STRICT, WITHOUT ROWID;

-- Paragraph-level units: the things that are searched, coded and quoted.
CREATE TABLE segments (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page        INTEGER NOT NULL,
  seq         INTEGER NOT NULL, -- order within the document, from 1
  start       INTEGER NOT NULL, -- offset into the page text
  end         INTEGER NOT NULL,
  text        TEXT NOT NULL,    -- exactly pages.text[start:end]
  CHECK (end > start)
) STRICT;
CREATE INDEX segments_document ON segments(document_id, seq);

CREATE VIRTUAL TABLE segments_fts USING fts5(
  text,
  content = 'segments',
  content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER segments_fts_insert AFTER INSERT ON segments BEGIN
  INSERT INTO segments_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER segments_fts_delete AFTER DELETE ON segments BEGIN
  INSERT INTO segments_fts(segments_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER segments_fts_update AFTER UPDATE OF text ON segments BEGIN
  INSERT INTO segments_fts(segments_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO segments_fts(rowid, text) VALUES (new.id, new.text);
END;

CREATE TABLE document_attributes (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  key         TEXT NOT NULL,
  value       TEXT NOT NULL,
  PRIMARY KEY (document_id, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX document_attributes_key ON document_attributes(key, value);

-- Append-only record of every ingest attempt and removal. No foreign key to documents, so it
-- survives their deletion and still says what happened to each file.
CREATE TABLE ingest_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  path        TEXT NOT NULL,
  sha256      TEXT,
  outcome     TEXT NOT NULL CHECK (outcome IN ('stored', 'no-text', 'skipped', 'failed', 'removed')),
  document_id INTEGER,
  code        TEXT,
  message     TEXT,
  pages       INTEGER,
  ms          INTEGER
) STRICT;
CREATE INDEX ingest_log_path ON ingest_log(path, id);
