import os from 'node:os';
import type { Db } from './db.js';

/** Project settings users may set with `litkit config set`. */
export const SETTINGS = {
  coder: 'your name as a coder, used when --coder is not given',
  'exclusion-reasons': 'the full-text exclusion reasons reviewers choose from, separated by ";"',
  screening: 'single (one reviewer decides; the default) or double (two reviewers must agree, else screen resolve)',
} as const;
export type SettingKey = keyof typeof SETTINGS;

export function getSetting(db: Db, key: string): string | undefined {
  return db.sql.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
}

export function setSetting(db: Db, key: string, value: string): void {
  db.sql.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Who is coding: --coder, else LITKIT_CODER, else the project's `coder` setting, else the login name. */
export function currentCoder(db: Db, explicit?: string, env = process.env): string {
  return explicit || env.LITKIT_CODER || getSetting(db, 'coder') || os.userInfo().username;
}
