-- litkit: foreign-keys-off
-- Ids are never reused: a memo or an audit row that names coding 12 must never come to mean a
-- coding added after 12 was removed. Without AUTOINCREMENT SQLite hands out max(id) + 1, so
-- removing the newest row gave its id to the next one. documents has AUTOINCREMENT since 010;
-- codings and memos (ids users see, and memos point at codings) are rebuilt with it here,
-- keeping every row and id.
--
-- SQLite cannot add AUTOINCREMENT in place: each table is copied into a new one, dropped and
-- renamed (the documented 12-step procedure; the first line has the runner turn foreign keys off
-- around it and check them before committing). The view over codings is dropped and made again because a
-- rename re-reads every view.
--
-- Also: the redaction report of each document (kinds and counts of masked personal data, never
-- the values), written by `ingest --redact` and `redact`.

DROP VIEW live_codings;

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
CREATE INDEX codings_span ON codings(code_id, document_id, page, start, end, segment_id, coder, status);
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

-- 010 started the documents sequence at the highest id left: where the newest document had been
-- removed before, its id must stay taken, so the sequence moves past every id the log names.
INSERT INTO sqlite_sequence (name, seq) SELECT 'documents', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'documents');
UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(document_id) FROM ingest_log), 0)) WHERE name = 'documents';

CREATE TABLE redactions (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('EMAIL', 'PHONE', 'ID', 'NAME')),
  count       INTEGER NOT NULL CHECK (count >= 0),
  at          TEXT NOT NULL,
  PRIMARY KEY (document_id, kind)
) STRICT, WITHOUT ROWID;
