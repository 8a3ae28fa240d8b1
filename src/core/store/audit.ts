import type { Db } from './db.js';

/** Appends a record of a change to the project's audit log (never updated, never deleted). */
export function audit(db: Db, actor: string, action: string, target?: string, detail?: unknown): void {
  db.sql
    .prepare('INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)')
    .run(new Date().toISOString(), actor, action, target ?? null, detail === undefined ? null : JSON.stringify(detail));
}

/** A command that changed the project, as the command layer records it. */
export interface CommandRecord {
  actor: string;
  /** The command as typed, e.g. "docs rm". */
  command: string;
  /** Its arguments and flags, free text withheld. */
  args: Record<string, unknown>;
  /** What it did, in numbers (documents stored, codings added …). */
  counts: Record<string, number>;
}

/** Appends a command's record: action is `cli:<command>`, detail holds its arguments and counts. */
export function recordCommand(db: Db, r: CommandRecord): void {
  audit(db, r.actor, `cli:${r.command}`, undefined, { args: r.args, counts: r.counts });
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: unknown;
}

/**
 * The audit log, newest first: `limit` rows, optionally of one command or action (`docs rm` matches
 * both the command's row and the library's `docs.rm…` rows).
 */
export function readAuditLog(db: Db, options: { limit?: number; command?: string } = {}): AuditEntry[] {
  const where = options.command ? 'WHERE action = ? OR action LIKE ?' : '';
  const cmd = options.command?.trim().replace(/[: ]+/g, ' ');
  const params = cmd ? [`cli:${cmd}`, `${cmd.replace(/ /g, '.')}%`] : [];
  const rows = db.sql
    .prepare(`SELECT id, at, actor, action, target, detail FROM audit_log ${where} ORDER BY id DESC LIMIT ?`)
    .all(...params, options.limit ?? -1) as (Omit<AuditEntry, 'detail'> & { detail: string | null })[];
  return rows.map((r) => ({ ...r, detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown) }));
}
