import type { Db } from './db.js';

/** Appends a record of a change to the project's audit log (never updated, never deleted). */
export function audit(db: Db, actor: string, action: string, target?: string, detail?: unknown): void {
  db.sql
    .prepare('INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)')
    .run(new Date().toISOString(), actor, action, target ?? null, detail === undefined ? null : JSON.stringify(detail));
}
