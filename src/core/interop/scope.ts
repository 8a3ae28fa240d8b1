import { wherePredicate } from '../query/index.js';
import type { Db } from '../store/db.js';

/**
 * The documents an export covers: all of them, or those with at least one segment that the query
 * expression (the language of `litkit query`) selects.
 */
export function documentsInScope(db: Db, where?: string): number[] {
  if (!where?.trim()) return db.sql.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as number[];
  const predicate = wherePredicate(db, where);
  return db.sql
    .prepare(`SELECT DISTINCT s.document_id FROM segments s JOIN documents d ON d.id = s.document_id WHERE ${predicate.sql} ORDER BY s.document_id`)
    .pluck()
    .all(...predicate.params) as number[];
}
