-- litkit: foreign-keys-off
-- Segment ids are never reused either: codings, review decisions, exports and a user's notes name
-- segments by id (`code add --segment 812`), and without AUTOINCREMENT a purged document's last
-- segment ids went to the next document stored. Rebuilt as 014 rebuilt codings: copied with every
-- id, dropped, renamed; its indexes and the triggers that keep the full-text index in step are made
-- again. The full-text index itself is untouched: it is keyed by the same ids.

CREATE TABLE segments_new (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page        INTEGER NOT NULL,
  seq         INTEGER NOT NULL, -- order within the document, from 1
  start       INTEGER NOT NULL, -- offset into the page text
  end         INTEGER NOT NULL,
  text        TEXT NOT NULL,    -- exactly pages.text[start:end]
  kind        TEXT NOT NULL DEFAULT 'body'
    CHECK (kind IN ('heading', 'body', 'list', 'table', 'caption', 'reference', 'boilerplate')),
  own_kind    TEXT NOT NULL DEFAULT 'body'
    CHECK (own_kind IN ('heading', 'body', 'list', 'table', 'caption', 'reference', 'boilerplate')),
  para        INTEGER CHECK (para > 0),
  repeat_key  TEXT,
  case_id     INTEGER REFERENCES cases(id) ON DELETE SET NULL,
  question    TEXT,
  time_s      INTEGER CHECK (time_s >= 0),
  CHECK (end > start)
) STRICT;
INSERT INTO segments_new (id, document_id, page, seq, start, end, text, kind, own_kind, para, repeat_key, case_id, question, time_s)
  SELECT id, document_id, page, seq, start, end, text, kind, own_kind, para, repeat_key, case_id, question, time_s FROM segments;
DROP TABLE segments;
ALTER TABLE segments_new RENAME TO segments;

CREATE INDEX segments_document ON segments(document_id, seq);
CREATE INDEX segments_repeat_key ON segments(repeat_key) WHERE repeat_key IS NOT NULL;
CREATE INDEX segments_case ON segments(case_id) WHERE case_id IS NOT NULL;
CREATE INDEX segments_para ON segments(document_id, seq) WHERE para IS NOT NULL;

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
