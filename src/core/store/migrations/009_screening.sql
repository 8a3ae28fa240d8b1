-- Screening that reconciles, stops with a recall guarantee, and scales.
--
-- screening_resolutions: the reconciling decision on a record at a stage (`screen resolve`,
--   `screen decide --final`), by a third reviewer or by consensus. It overrides the reviewers'
--   own decisions, which stay as they were for agreement statistics.
-- screening_samples / screening_draws: the random samples of the stopping rule (Callaghan &
--   Müller-Hansen 2020). A sample starts with `screen next --sample` and ends when a record
--   outside it is screened at its stage: the test needs the rest of the records as they were when
--   sampling began. Draws are stored when drawn, so a reviewer cannot skip an awkward one.
-- screening_features: each record's TF-IDF vector (title, abstract, keywords), so that `screen next`
--   does not rebuild them in every process; screening_feature_sets holds what they were built
--   over. Triggers empty both when a record is added, removed, or its title or abstract changes.
CREATE TABLE screening_resolutions (
  record_id  INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  stage      TEXT NOT NULL CHECK (stage IN ('title-abstract', 'full-text')),
  decision   TEXT NOT NULL CHECK (decision IN ('include', 'exclude')),
  reason     TEXT,
  resolver   TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (record_id, stage)
) STRICT;

CREATE TABLE screening_samples (
  id            INTEGER PRIMARY KEY,
  stage         TEXT NOT NULL CHECK (stage IN ('title-abstract', 'full-text')),
  started_at    TEXT NOT NULL,
  ended_at      TEXT,
  ended_because TEXT
) STRICT;
CREATE INDEX screening_samples_open ON screening_samples(stage) WHERE ended_at IS NULL;

CREATE TABLE screening_draws (
  sample_id INTEGER NOT NULL REFERENCES screening_samples(id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,   -- 1, 2, ... in the order drawn
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  drawn_at  TEXT NOT NULL,
  PRIMARY KEY (sample_id, seq),
  UNIQUE (sample_id, record_id)
) STRICT;

CREATE TABLE screening_feature_sets (
  name       TEXT PRIMARY KEY,  -- 'title-abstract'
  records    INTEGER NOT NULL,
  dimensions INTEGER NOT NULL,
  built_at   TEXT NOT NULL
) STRICT;

-- Records' vectors in chunks of consecutive records: one row per record cost 0.6 s of row
-- overhead at 50,000 records. All arrays little-endian.
CREATE TABLE screening_features (
  chunk      INTEGER PRIMARY KEY,
  record_ids BLOB NOT NULL,  -- Int32: the chunk's record ids, ascending
  offsets    BLOB NOT NULL,  -- Int32, one more than the records: where each record's entries start
  terms      BLOB NOT NULL,  -- Int32 column indexes
  weights    BLOB NOT NULL   -- Float32 TF-IDF weights, each record's L2-normalised
) STRICT;

CREATE TRIGGER records_insert_features AFTER INSERT ON records BEGIN
  DELETE FROM screening_feature_sets;
  DELETE FROM screening_features;
END;
CREATE TRIGGER records_delete_features AFTER DELETE ON records BEGIN
  DELETE FROM screening_feature_sets;
  DELETE FROM screening_features;
END;
CREATE TRIGGER records_update_features AFTER UPDATE OF title, abstract ON records BEGIN
  DELETE FROM screening_feature_sets;
  DELETE FROM screening_features;
END;
