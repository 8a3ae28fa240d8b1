import os from 'node:os';
import { UsageError } from '../../errors.js';
import type { Db } from './db.js';
import { isLimitKey, LIMITS } from './limits.js';
import { parsePatterns } from '../privacy/options.js';

/** Project settings users may set with `litkit config set`. */
export const SETTINGS: Record<string, string> = {
  coder: 'your name as a coder, used when --coder is not given',
  'exclusion-reasons': 'the full-text exclusion reasons reviewers choose from, separated by ";"',
  'redact.names': 'people whose names `ingest --redact` and `redact` mask, separated by ";"',
  'redact.patterns': 'extra ID patterns to mask as [ID]: a JSON array of regular expressions',
  screening: 'single (one reviewer decides; the default) or double (two reviewers must agree, else screen resolve)',
  ...Object.fromEntries(Object.entries(LIMITS).map(([key, l]) => [key, `${l.about}; default ${l.fallback}`])),
};
export type SettingKey = keyof typeof SETTINGS;

export function getSetting(db: Db, key: string): string | undefined {
  return db.sql.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
}

/** What a setting is when nobody set it: a limit's default, else nothing. */
export function defaultSetting(key: string): string | undefined {
  return isLimitKey(key) ? String(LIMITS[key].fallback) : undefined;
}

export function setSetting(db: Db, key: string, value: string): void {
  if (isLimitKey(key) && !/^[1-9]\d{0,8}$/.test(value.trim())) {
    throw new UsageError('E_USAGE', `${key} must be a whole number above 0, got "${value}"`);
  }
  if (key === 'redact.patterns') parsePatterns(value);
  db.sql.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value.trim());
}

/** Who is coding: --coder, else LITKIT_CODER, else the project's `coder` setting, else the login name. */
export function currentCoder(db: Db, explicit?: string, env = process.env): string {
  return explicit || env.LITKIT_CODER || getSetting(db, 'coder') || os.userInfo().username;
}
