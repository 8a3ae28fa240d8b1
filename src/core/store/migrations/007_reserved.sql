-- Placeholder on the screening branch for migration 007 of another branch, so that 009 runs in
-- sequence here. Delete this file when merging: the other branch's 007_*.sql takes its place.
SELECT 1;
