-- Covering indexes for the query language and tables: a code's segments (in id order, so that
-- queries walk them in document order) and its documents, without reading the codings table.
DROP INDEX codings_code;
CREATE INDEX codings_code ON codings(code_id, document_id, segment_id);
CREATE INDEX codings_code_segment ON codings(code_id, segment_id, coder);
DROP INDEX codings_coder;
CREATE INDEX codings_coder ON codings(coder, code_id, segment_id);
