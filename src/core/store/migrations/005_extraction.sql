-- Data extraction: the values of a YAML extraction form filled per included study (record).
-- The form itself is kept in settings ('extraction_form', as JSON) so one project has one form.
CREATE TABLE extraction (
  record_id  INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  field      TEXT NOT NULL,
  value      TEXT NOT NULL,
  reviewer   TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (record_id, field)
) STRICT, WITHOUT ROWID;
