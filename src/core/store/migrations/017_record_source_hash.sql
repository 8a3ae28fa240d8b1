-- The content hash of each imported export, so that importing the same file again (a re-run script,
-- a file saved twice under two names) adds nothing instead of doubling the records and PRISMA's
-- "records identified". Sources imported before this have none and are not compared.
ALTER TABLE record_sources ADD COLUMN sha256 TEXT;
CREATE INDEX record_sources_sha256 ON record_sources(sha256) WHERE sha256 IS NOT NULL;
