-- Placeholder for migration 010 of the privacy branch, so this branch's 012 is in sequence.
-- Delete this file when merging that branch (its 010 takes the number).
SELECT 1;
