import type { Db } from '../store/db.js';

/**
 * The code ids a pattern means, in framework order: a plain id is the code and its sub-codes
 * (`racism` includes `racism.structural`), `employment.*` the sub-codes only, and other `*`
 * wildcards glob. Queries, tables, evidence tables and reports all read patterns this way.
 */
export function resolveCodes(db: Db, pattern: string): string[] {
  const glob = pattern.includes('*');
  return db.sql
    .prepare(`SELECT id FROM codes WHERE ${glob ? 'id GLOB ?' : "id = ? OR id GLOB ? || '.*'"} ORDER BY framework_id, position`)
    .pluck()
    .all(...(glob ? [pattern] : [pattern, pattern])) as string[];
}
