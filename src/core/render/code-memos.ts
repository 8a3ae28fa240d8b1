import { listMemos } from '../coding/memos.js';
import type { Db } from '../store/db.js';

/** A memo as a report shows it under its code. */
export interface CodeMemo {
  author: string;
  date: string;
  text: string;
}

/** Memos written on the given codes, by code, oldest first. */
export function codeMemos(db: Db, codes: Set<string>): Record<string, CodeMemo[]> {
  const out: Record<string, CodeMemo[]> = {};
  for (const m of listMemos(db)) {
    const id = m.target.replace(/^code /, '');
    if (m.target.startsWith('code ') && codes.has(id)) (out[id] ??= []).push({ author: m.author, date: m.createdAt.slice(0, 10), text: m.text });
  }
  return out;
}
