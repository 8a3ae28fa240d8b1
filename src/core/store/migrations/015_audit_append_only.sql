-- The audit log is append-only: rows are added, never changed or removed, not even by litkit.
-- What a command did is recorded by the command layer (its id, its arguments with free text
-- withheld, its counts) beside the library's own rows; both kinds live in this table.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
