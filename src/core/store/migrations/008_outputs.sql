-- The files litkit wrote with --out, by real path, with the SHA-256 of the bytes written: running
-- a command again may replace its own output when nobody changed it since, but never a file the
-- user wrote or edited (a report draft revised in Word) unless asked with --force.
CREATE TABLE IF NOT EXISTS outputs (
  path       TEXT PRIMARY KEY,
  sha256     TEXT NOT NULL,
  written_at TEXT NOT NULL
) STRICT;
