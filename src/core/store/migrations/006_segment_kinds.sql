-- What each segment is, and the paragraph number a reader counts.
--
-- own_kind: what the segment's own text and the file's markup make it, set at ingest.
-- kind:     own_kind, or 'boilerplate' when the same text (repeat_key) is in two or more other
--           documents of the project; recomputed for the keys concerned after every ingest and
--           removal. Auto-coding and reports select on kind.
-- para:     the paragraph number a reader counts on the segment's page (per document for formats
--           without pages): headings, titles, source/URL lines, tables and captions are not counted
--           (NULL); the pieces of a long paragraph share its number. Never depends on other
--           documents, so a citation stays stable as the corpus grows.
-- repeat_key: 16 hex digits of the SHA-1 of the normalised text (lower case, letters and digits
--           only), for segments that may be boilerplate by repetition; NULL otherwise.
--
-- Rows stored before this migration were never classified: they become 'body', and keep their
-- old citation number (para = seq) until the document is ingested again.
ALTER TABLE segments ADD COLUMN kind TEXT NOT NULL DEFAULT 'body'
  CHECK (kind IN ('heading', 'body', 'list', 'table', 'caption', 'reference', 'boilerplate'));
ALTER TABLE segments ADD COLUMN own_kind TEXT NOT NULL DEFAULT 'body'
  CHECK (own_kind IN ('heading', 'body', 'list', 'table', 'caption', 'reference', 'boilerplate'));
ALTER TABLE segments ADD COLUMN para INTEGER CHECK (para > 0);
ALTER TABLE segments ADD COLUMN repeat_key TEXT;

UPDATE segments SET para = seq;

-- No index on kind: auto-coding keeps four kinds of seven (most rows), which a scan serves best,
-- and reports reach segments through their codings. The refresh after ingest looks up keys.
CREATE INDEX segments_repeat_key ON segments(repeat_key) WHERE repeat_key IS NOT NULL;
