-- Reviewing auto codings: each coding's status, the reviewers' decisions, and the codings that
-- are not rejected ("live"), which queries, tables, agreement and reports read.

-- NULL: not reviewed (and always for a person's own codings); 'accepted' or 'rejected' by a
-- reviewer. `code auto` deletes and re-inserts its codings, so the status is re-derived from
-- coding_decisions each time rather than kept only here.
ALTER TABLE codings ADD COLUMN status TEXT CHECK (status IN ('accepted', 'rejected'));

-- Append-only but for `undone`: every accept, reject and recode of an auto or suggested coding.
-- A decision is keyed by the code, the segment and the span it was made on, not by the coding's
-- id, so it reaches the coding that a later `code auto` inserts for the same words; the latest
-- decision that is not undone wins. Code renames follow through ON UPDATE CASCADE.
CREATE TABLE coding_decisions (
  id               INTEGER PRIMARY KEY,
  code_id          TEXT NOT NULL REFERENCES codes(id) ON UPDATE CASCADE ON DELETE CASCADE,
  segment_id       INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  page             INTEGER NOT NULL,
  start            INTEGER NOT NULL,   -- the coding's span, as codings.start/end
  end              INTEGER NOT NULL,
  matched          TEXT NOT NULL DEFAULT '[]',  -- JSON: the matched words, lower-cased
  rules            TEXT NOT NULL DEFAULT '[]',  -- JSON: the rules that fired ('suggest' for a suggestion)
  coder            TEXT NOT NULL,      -- the reviewer
  decision         TEXT NOT NULL CHECK (decision IN ('accept', 'reject', 'recode')),
  recoded_to       TEXT REFERENCES codes(id) ON UPDATE CASCADE ON DELETE SET NULL,
  manual_coding_id INTEGER,            -- the coding a recode added (no foreign key: it may be removed)
  decided_at       TEXT NOT NULL,
  undone           INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
  CHECK (end > start),
  CHECK (decision = 'recode' OR recoded_to IS NULL)
) STRICT;
CREATE INDEX coding_decisions_key ON coding_decisions(code_id, segment_id);
CREATE INDEX coding_decisions_coder ON coding_decisions(coder, undone, id);

-- The codings that count everywhere evidence is read. The covering indexes of 003 gain the
-- status as their last column so that queries through this view still never read the table
-- (EXPLAIN QUERY PLAN: USING COVERING INDEX; bench/query.js unchanged).
CREATE VIEW live_codings AS SELECT * FROM codings WHERE status IS NOT 'rejected';
DROP INDEX codings_code;
CREATE INDEX codings_code ON codings(code_id, document_id, segment_id, status);
DROP INDEX codings_code_segment;
CREATE INDEX codings_code_segment ON codings(code_id, segment_id, coder, status);
DROP INDEX codings_coder;
CREATE INDEX codings_coder ON codings(coder, code_id, segment_id, status);
