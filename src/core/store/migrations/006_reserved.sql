-- Reserved: the segments branch adds migration 006 (segment kinds). This placeholder only keeps
-- the numbers in sequence on the review branch; delete it when that 006 is merged.
SELECT 1;
