import type { Db } from '../store/db.js';

/** A reader of segments' kinds (heading, body, reference, ...; migration 006). */
export function segmentKinds(db: Db): (segmentId: number) => string | null {
  const read = db.sql.prepare('SELECT kind FROM segments WHERE id = ?').pluck();
  return (id) => (read.get(id) as string | null | undefined) ?? null;
}
