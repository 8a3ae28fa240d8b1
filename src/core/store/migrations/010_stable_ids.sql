-- Ids are never reused: a memo or an audit row that names document 12 must never come to mean a
-- document ingested after 12 was removed. Without AUTOINCREMENT SQLite hands out max(id) + 1, so
-- removing the newest document gave its id to the next one. documents, codings and memos (the
-- ids users see and memos point at) are rebuilt with AUTOINCREMENT, keeping every row and id.
--
-- SQLite cannot add AUTOINCREMENT in place: each table is copied into a new one, dropped and
-- renamed (the documented 12-step procedure; the runner turns foreign keys off around it and
-- checks them before committing). The view over codings is dropped and made again because a
-- rename re-reads every view.
--
-- Also: the redaction report of each document (kinds and counts of masked personal data, never
-- the values), written by `ingest --redact` and `redact`.

DROP VIEW live_codings;

CREATE TABLE documents_new (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  sha256      TEXT NOT NULL UNIQUE,
  source_path TEXT NOT NULL,
  title       TEXT NOT NULL,
  authors     TEXT,
  year        INTEGER,
  format      TEXT NOT NULL CHECK (format IN ('pdf', 'docx', 'html', 'txt', 'md')),
  page_count  INTEGER NOT NULL,
  bytes       INTEGER NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('ok', 'no-text')),
  error       TEXT,
  engine      TEXT,
  added_at    TEXT NOT NULL
) STRICT;
INSERT INTO documents_new SELECT id, sha256, source_path, title, authors, year, format, page_count, bytes, status, error, engine, added_at FROM documents;
DROP TABLE documents;
ALTER TABLE documents_new RENAME TO documents;

CREATE TABLE codings_new (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  code_id           TEXT NOT NULL REFERENCES codes(id) ON UPDATE CASCADE ON DELETE CASCADE,
  document_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  segment_id        INTEGER REFERENCES segments(id) ON DELETE CASCADE,
  page              INTEGER NOT NULL,
  start             INTEGER NOT NULL,
  end               INTEGER NOT NULL,
  coder             TEXT NOT NULL,
  framework_version TEXT,
  rule              TEXT,
  evidence          TEXT,
  score             REAL,
  created_at        TEXT NOT NULL,
  status            TEXT CHECK (status IN ('accepted', 'rejected')),
  CHECK (end > start)
) STRICT;
INSERT INTO codings_new SELECT id, code_id, document_id, segment_id, page, start, end, coder, framework_version, rule, evidence, score, created_at, status FROM codings;
DROP TABLE codings;
ALTER TABLE codings_new RENAME TO codings;
CREATE INDEX codings_segment ON codings(segment_id);
CREATE INDEX codings_document ON codings(document_id, page, start);
CREATE INDEX codings_code ON codings(code_id, document_id, segment_id, status);
CREATE INDEX codings_code_segment ON codings(code_id, segment_id, coder, status);
CREATE INDEX codings_coder ON codings(coder, code_id, segment_id, status);
CREATE VIEW live_codings AS SELECT * FROM codings WHERE status IS NOT 'rejected';

CREATE TABLE memos_new (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('code', 'document', 'coding', 'project')),
  target      TEXT NOT NULL,
  author      TEXT NOT NULL,
  text        TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
INSERT INTO memos_new SELECT id, target_kind, target, author, text, created_at FROM memos;
DROP TABLE memos;
ALTER TABLE memos_new RENAME TO memos;
CREATE INDEX memos_target ON memos(target_kind, target);

-- Where a removed row was the newest, its id must stay taken: start each sequence past the
-- highest id ever logged for it, not only past the rows left.
INSERT INTO sqlite_sequence (name, seq) SELECT 'documents', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'documents');
UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(document_id) FROM ingest_log), 0)) WHERE name = 'documents';

CREATE TABLE redactions (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('EMAIL', 'PHONE', 'ID', 'NAME')),
  count       INTEGER NOT NULL CHECK (count >= 0),
  at          TEXT NOT NULL,
  PRIMARY KEY (document_id, kind)
) STRICT, WITHOUT ROWID;
