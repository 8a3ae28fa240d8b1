-- A covering index for the query language's span operators (PRECEDES, FOLLOWS, ENCLOSES, INSIDE,
-- OVERLAPS): a code's codings with where they are, read without the codings table. Measured with
-- `npm run bench -- query` at 1M segments and 300k codings: 5 to 10 times faster (INSIDE 309 ms
-- to 37 ms, OVERLAPS 86 ms to 12 ms).
CREATE INDEX codings_span ON codings(code_id, document_id, page, start, end, segment_id, coder, status);

-- The paragraph a citation counts (documents/citation.ts CITED_PARA) is looked up from the
-- nearest segment that has one; most segments have none, so without this index each excerpt of
-- a query read every segment of its document (4 of the 5 ms of a 50-excerpt query at 1M segments).
CREATE INDEX segments_para ON segments(document_id, seq) WHERE para IS NOT NULL;
