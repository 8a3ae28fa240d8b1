import type { Db } from '../store/db.js';

/** How many codings each code has, all coders together, rejected codings left out. */
export function codeCounts(db: Db): Map<string, number> {
  const rows = db.sql.prepare('SELECT code_id, count(*) AS n FROM live_codings GROUP BY code_id').all() as { code_id: string; n: number }[];
  return new Map(rows.map((r) => [r.code_id, r.n]));
}
