import type { Db } from '../store/db.js';

/**
 * A reader of segments' kinds (heading, body, reference, ...) for projects whose schema records
 * them; on a schema without `segments.kind` every segment reads as null (treated as body).
 */
export function segmentKinds(db: Db): (segmentId: number) => string | null {
  const has = db.sql.prepare("SELECT count(*) FROM pragma_table_info('segments') WHERE name = 'kind'").pluck().get() as number;
  if (!has) return () => null;
  const read = db.sql.prepare('SELECT kind FROM segments WHERE id = ?').pluck();
  return (id) => (read.get(id) as string | null | undefined) ?? null;
}
