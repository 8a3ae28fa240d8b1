import { UsageError } from '../../errors.js';
import { unsafeRegex } from '../coding/regex-safety.js';
import { getSetting } from '../store/settings.js';
import type { Db } from '../store/db.js';
import type { DetectOptions } from './detect.js';

/** Names in a list file or setting: one per line, or separated by ";". */
export function parseNames(text: string): string[] {
  return text.split(/[;\n]/).map((n) => n.replace(/#.*$/, '').trim()).filter(Boolean);
}

/** Checks `redact.patterns`: a JSON array of regular expressions, each safe to run on any text. */
export function parsePatterns(value: string): string[] {
  let list: unknown;
  try {
    list = JSON.parse(value);
  } catch {
    list = [value];
  }
  if (!Array.isArray(list) || !list.every((p) => typeof p === 'string' && p)) {
    throw new UsageError('E_USAGE', 'redact.patterns is a JSON array of regular expressions, e.g. ["STF-\\\\d{5}"]');
  }
  for (const p of list as string[]) {
    try {
      new RegExp(p, 'u');
    } catch (err) {
      throw new UsageError('E_USAGE', `redact.patterns: not a regular expression: ${p} (${(err as Error).message})`);
    }
    const why = unsafeRegex(p);
    if (why) throw new UsageError('E_USAGE', `redact.patterns: ${p} could take exponential time (${why})`);
  }
  return list as string[];
}

/** What to mask in this project: the `redact.names` and `redact.patterns` settings plus `names`. */
export function redactOptions(db: Db, names: string[] = []): DetectOptions {
  const patterns = getSetting(db, 'redact.patterns');
  return { names: [...parseNames(getSetting(db, 'redact.names') ?? ''), ...names], patterns: patterns ? parsePatterns(patterns) : [] };
}
