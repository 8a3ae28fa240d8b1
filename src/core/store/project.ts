import fs from 'node:fs';
import path from 'node:path';
import { ProjectError } from '../../errors.js';
import { busyError, Db, isBusyFailure, isReadonlyFailure, readonlyError } from './db.js';

/** The name of the SQLite file that makes a folder a litkit project. */
export const PROJECT_FILE = 'litkit.sqlite';

/** Creates a project in `dir` (made if missing) and returns the path of its database. */
export function initProject(dir: string): { file: string; created: boolean } {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(path.resolve(dir), PROJECT_FILE);
  const created = !fs.existsSync(file);
  Db.open(file, { create: true }).close();
  return { file, created };
}

/**
 * Finds the project database: an explicit path (a project folder or its database file), else
 * LITKIT_PROJECT, else the nearest folder at or above `cwd` holding a project file.
 */
export function findProject(explicit?: string, cwd = process.cwd(), env = process.env): string {
  const given = explicit ?? env.LITKIT_PROJECT;
  if (given) {
    const resolved = path.resolve(cwd, given);
    const file = fs.existsSync(resolved) && fs.statSync(resolved).isDirectory() ? path.join(resolved, PROJECT_FILE) : resolved;
    if (!fs.existsSync(file)) {
      throw new ProjectError('E_NO_PROJECT', 'not a litkit project (run `litkit init` there first)', given);
    }
    return file;
  }
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const file = path.join(dir, PROJECT_FILE);
    if (fs.existsSync(file)) return file;
    if (path.dirname(dir) === dir) break;
  }
  throw new ProjectError(
    'E_NO_PROJECT',
    `no litkit project in ${cwd} or above; run \`litkit init\`, or pass --project / set LITKIT_PROJECT`,
  );
}

let lastOpened: string | undefined;

/** Opens the project that `findProject` locates. */
export function openProject(explicit?: string, cwd?: string): Db {
  const file = findProject(explicit, cwd);
  lastOpened = file;
  return Db.open(file);
}

/** The project file this process opened last, for the command layer's audit record. */
export const lastOpenedProject = (): string | undefined => lastOpened;

/**
 * The one-line E_READONLY (or E_BUSY) error for a write SQLite refused, naming the project last
 * opened, or undefined when `err` is something else; for the CLI's error handler, where writes
 * outside a transaction (a setting, an audit line) surface as raw SQLite errors.
 */
export function readonlyFailure(err: unknown): ProjectError | undefined {
  if (!lastOpened) return undefined;
  if (isReadonlyFailure(err)) return readonlyError(lastOpened);
  return isBusyFailure(err) ? busyError(lastOpened) : undefined;
}
