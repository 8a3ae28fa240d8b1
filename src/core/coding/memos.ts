import { UsageError } from '../../errors.js';
import { getDocument } from '../documents/read.js';
import { audit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { getCoding } from './manual.js';

export type MemoTarget = { kind: 'code'; id: string } | { kind: 'document'; id: number } | { kind: 'coding'; id: number } | { kind: 'project' };

export interface Memo {
  id: number;
  target: string;
  author: string;
  text: string;
  createdAt: string;
}

const label = (t: MemoTarget) => (t.kind === 'project' ? 'project' : `${t.kind} ${t.id}`);

function check(db: Db, t: MemoTarget): void {
  if (t.kind === 'code' && !db.sql.prepare('SELECT 1 FROM codes WHERE id = ?').get(t.id)) throw new UsageError('E_NO_CODE', `no code "${t.id}"`);
  if (t.kind === 'document') getDocument(db, t.id);
  if (t.kind === 'coding') getCoding(db, t.id);
}

interface MemoRow {
  id: number;
  target_kind: string;
  target: string;
  author: string;
  text: string;
  created_at: string;
}

const toMemo = (r: MemoRow): Memo => ({
  id: r.id,
  target: r.target_kind === 'project' ? 'project' : `${r.target_kind} ${r.target}`,
  author: r.author,
  text: r.text,
  createdAt: r.created_at,
});

/** Writes a memo on a code, document, coding or the project. */
export function addMemo(db: Db, target: MemoTarget, author: string, text: string): Memo {
  if (!text.trim()) throw new UsageError('E_USAGE', 'the memo is empty');
  check(db, target);
  const key = target.kind === 'project' ? '' : String(target.id);
  const id = db.transaction(() => {
    const r = db.sql.prepare('INSERT INTO memos (target_kind, target, author, text, created_at) VALUES (?, ?, ?, ?, ?)').run(target.kind, key, author, text.trim(), new Date().toISOString());
    audit(db, author, 'memo.add', label(target), { memo: Number(r.lastInsertRowid) });
    return Number(r.lastInsertRowid);
  });
  return getMemo(db, id);
}

export function getMemo(db: Db, id: number): Memo {
  const r = db.sql.prepare('SELECT * FROM memos WHERE id = ?').get(id) as MemoRow | undefined;
  if (!r) throw new UsageError('E_NO_MEMO', `no memo with id ${id}`);
  return toMemo(r);
}

/** Memos, all or those on one target, oldest first. */
export function listMemos(db: Db, target?: MemoTarget): Memo[] {
  const rows = target
    ? (db.sql.prepare('SELECT * FROM memos WHERE target_kind = ? AND target = ? ORDER BY id').all(target.kind, target.kind === 'project' ? '' : String(target.id)) as MemoRow[])
    : (db.sql.prepare('SELECT * FROM memos ORDER BY id').all() as MemoRow[]);
  return rows.map(toMemo);
}
