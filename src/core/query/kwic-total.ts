import type { Db } from '../store/db.js';
import { kwic, type KwicLine, type KwicOptions } from './kwic.js';

/**
 * KWIC lines up to `options.limit`, with how many occurrences there are in all, so the listing can
 * say "showing N of M" rather than report the capped count as the total.
 */
export function kwicWithTotal(db: Db, term: string, options: KwicOptions = {}): { lines: KwicLine[]; total: number } {
  const all = kwic(db, term, { ...options, limit: undefined });
  return { lines: options.limit ? all.slice(0, options.limit) : all, total: all.length };
}
