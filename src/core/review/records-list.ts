import type { Db } from '../store/db.js';

/** An imported record as `records list` shows it. */
export interface RecordListing {
  id: number;
  source: string;
  title: string;
  year: number | null;
  doi: string | null;
  /** The record this one duplicates (after `records dedupe`). */
  duplicate_of: number | null;
  /** Title-abstract decisions, `reviewer:decision` separated by spaces. */
  decision: string | null;
}

/** Every imported record with its source, duplicate mark and title-abstract decisions, in import order. */
export function listRecords(db: Db): RecordListing[] {
  return db.sql
    .prepare(
      `SELECT r.id, s.name AS source, r.title, r.year, r.doi, r.duplicate_of,
         (SELECT group_concat(reviewer || ':' || decision, ' ') FROM screening x WHERE x.record_id = r.id AND x.stage = 'title-abstract') AS decision
       FROM records r JOIN record_sources s ON s.id = r.source_id ORDER BY r.id`,
    )
    .all() as RecordListing[];
}
