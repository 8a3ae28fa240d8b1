-- The title-abstract model's score of every record, kept with the decisions it was trained on, so
-- that `screen next` asked again before the decisions change (the other reviewer's turn in double
-- screening, a script, a second look) reads 400 kB instead of 120 MB of features at 50,000
-- records and trains nothing. Valid only for the feature set it was computed over (built_at of
-- screening_feature_sets, which a rebuild renews) and the decisions whose digest it holds.
-- The model's dual variables are kept too: after a new decision, training goes on from them
-- (a pass or two) instead of starting again, as it does within one process.
CREATE TABLE screening_scores (
  name       TEXT PRIMARY KEY,  -- 'title-abstract'
  built_at   TEXT NOT NULL,     -- the feature set's built_at
  decisions  TEXT NOT NULL,     -- sha256 of the decisions trained on: "record_id:0|1" in record order
  record_ids BLOB NOT NULL,     -- Int32, ascending
  scores     BLOB NOT NULL,     -- Float64, the model's score of each record
  duals      BLOB NOT NULL      -- Float64 triples: record id, decision (1 include, 0 exclude), dual value
) STRICT;
