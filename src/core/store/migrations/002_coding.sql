-- Coding: frameworks of hierarchical codes, codings of text spans, memos, and an append-only
-- audit log. Coding offsets use the same unit as segments: JavaScript string indexes into the
-- text of the page the coding is on.

CREATE TABLE frameworks (
  id        TEXT PRIMARY KEY,
  title     TEXT NOT NULL,
  version   TEXT NOT NULL,
  source    TEXT NOT NULL,   -- the YAML as loaded, so `framework export` gives it back
  loaded_at TEXT NOT NULL
) STRICT;

-- Code ids are dotted paths ("employment.promotion") unique in the project; renaming a code
-- (the framework's `was:` field) updates its codings through ON UPDATE CASCADE.
CREATE TABLE codes (
  id           TEXT PRIMARY KEY,
  framework_id TEXT NOT NULL REFERENCES frameworks(id) ON DELETE CASCADE,
  parent_id    TEXT,
  label        TEXT NOT NULL,
  definition   TEXT,
  colour       TEXT,
  rules        TEXT NOT NULL DEFAULT '{}',  -- JSON of the code's matching rules
  position     INTEGER NOT NULL             -- order in the framework file
) STRICT;
CREATE INDEX codes_framework ON codes(framework_id, position);

CREATE TABLE codings (
  id                INTEGER PRIMARY KEY,
  code_id           TEXT NOT NULL REFERENCES codes(id) ON UPDATE CASCADE ON DELETE CASCADE,
  document_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  segment_id        INTEGER REFERENCES segments(id) ON DELETE CASCADE,
  page              INTEGER NOT NULL,
  start             INTEGER NOT NULL,
  end               INTEGER NOT NULL,
  coder             TEXT NOT NULL,       -- a person's name, 'auto' or 'suggest'
  framework_version TEXT,                -- for auto codings: the framework version that made them
  rule              TEXT,                -- for auto codings: the rule that fired
  evidence          TEXT,                -- JSON: the matched words and where they are
  score             REAL,                -- for suggestions: the classifier's probability
  created_at        TEXT NOT NULL,
  CHECK (end > start)
) STRICT;
CREATE INDEX codings_code ON codings(code_id, document_id);
CREATE INDEX codings_segment ON codings(segment_id);
CREATE INDEX codings_document ON codings(document_id, page, start);
CREATE INDEX codings_coder ON codings(coder, code_id);

CREATE TABLE memos (
  id          INTEGER PRIMARY KEY,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('code', 'document', 'coding', 'project')),
  target      TEXT NOT NULL,
  author      TEXT NOT NULL,
  text        TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX memos_target ON memos(target_kind, target);

-- Append-only: who changed what, when. No foreign keys, so it outlives what it describes.
CREATE TABLE audit_log (
  id     INTEGER PRIMARY KEY,
  at     TEXT NOT NULL,
  actor  TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  detail TEXT
) STRICT;
