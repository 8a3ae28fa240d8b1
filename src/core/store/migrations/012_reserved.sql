-- Placeholder for migration 012 of the survey branch, so this branch's 013 is in sequence.
-- Delete this file when merging that branch (its 012 takes the number).
SELECT 1;
