-- Systematic review: imported bibliographic records (each import is a source, for PRISMA's
-- identification counts), duplicates, and screening decisions at two stages.

CREATE TABLE record_sources (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,     -- the database searched: Scopus, Embase, ...
  file        TEXT NOT NULL,
  format      TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  records     INTEGER NOT NULL,
  failed      INTEGER NOT NULL
) STRICT;

CREATE TABLE records (
  id               INTEGER PRIMARY KEY,
  source_id        INTEGER NOT NULL REFERENCES record_sources(id) ON DELETE CASCADE,
  source_line      INTEGER,        -- where the record starts in the imported file
  type             TEXT,
  title            TEXT NOT NULL,
  abstract         TEXT,
  authors          TEXT NOT NULL DEFAULT '[]',  -- JSON array of "Family, Given"
  year             INTEGER,
  doi              TEXT,           -- lower-case, without https://doi.org/
  pmid             TEXT,
  journal          TEXT,
  keywords         TEXT NOT NULL DEFAULT '[]',  -- JSON array
  url              TEXT,
  duplicate_of     INTEGER REFERENCES records(id) ON DELETE SET NULL,
  duplicate_reason TEXT,
  document_id      INTEGER REFERENCES documents(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX records_doi ON records(doi) WHERE doi IS NOT NULL;
CREATE INDEX records_pmid ON records(pmid) WHERE pmid IS NOT NULL;
CREATE INDEX records_duplicate ON records(duplicate_of);

CREATE TABLE screening (
  id         INTEGER PRIMARY KEY,
  record_id  INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  stage      TEXT NOT NULL CHECK (stage IN ('title-abstract', 'full-text')),
  decision   TEXT NOT NULL CHECK (decision IN ('include', 'exclude', 'maybe')),
  reason     TEXT,
  reviewer   TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  UNIQUE (record_id, stage, reviewer)
) STRICT;
CREATE INDEX screening_stage ON screening(stage, record_id);
