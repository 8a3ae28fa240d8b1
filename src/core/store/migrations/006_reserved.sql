-- Placeholder on the screening branch for migration 006 of another branch, so that 009 runs in
-- sequence here. Delete this file when merging: the other branch's 006_*.sql takes its place.
SELECT 1;
