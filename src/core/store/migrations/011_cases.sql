-- Cases: the people a document speaks for, as NVivo and MAXQDA keep them. A survey's respondents
-- (one case per row of the spreadsheet) and a transcript's speakers (one case per label, per
-- document: P3 of one focus group is not P3 of another). Attributes describe a case (gender,
-- grade, age, role) and are compared in queries as case.KEY / speaker.KEY.
CREATE TABLE cases (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('respondent', 'speaker')),
  label       TEXT NOT NULL,    -- as the file writes it: the respondent id, the speaker's label
  UNIQUE (document_id, kind, label)
) STRICT;

-- Numbers are stored as numbers (INTEGER or REAL), so that case.age >= 50 compares numerically;
-- everything else as TEXT.
CREATE TABLE case_attributes (
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  key     TEXT NOT NULL,
  value   ANY NOT NULL CHECK (typeof(value) IN ('text', 'integer', 'real')),
  PRIMARY KEY (case_id, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_attributes_key ON case_attributes(key, value);

-- case_id: the respondent who wrote the answer or the speaker of the turn (NULL elsewhere).
-- question: a survey answer's question id ("Q4"); the question's wording is the document
--           attribute question.Q4.
-- time_s:   a transcript turn's timestamp in seconds from the start of the recording.
ALTER TABLE segments ADD COLUMN case_id INTEGER REFERENCES cases(id) ON DELETE SET NULL;
ALTER TABLE segments ADD COLUMN question TEXT;
ALTER TABLE segments ADD COLUMN time_s INTEGER CHECK (time_s >= 0);
CREATE INDEX segments_case ON segments(case_id) WHERE case_id IS NOT NULL;
