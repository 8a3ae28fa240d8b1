import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ExitCode, LitkitError } from '../../errors.js';
import type { Db } from '../store/db.js';

/** Why a file cannot be written where --out says: one line, exit 2. */
export class OutputError extends LitkitError {
  constructor(file: string, cause: string) {
    super('E_OUT', cause, ExitCode.usage, file);
    this.name = 'OutputError';
  }
}

const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

/** The path a write to `file` would land on: symlinks followed, for a new file its folder's real path. */
function landingPath(file: string): string {
  const abs = path.resolve(file);
  try {
    return fs.realpathSync(abs);
  } catch {
    if (fs.lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink()) throw new OutputError(file, 'is a symbolic link to nowhere; give a real file name');
    let dir = path.dirname(abs);
    const rest = [path.basename(abs)];
    while (!fs.existsSync(dir) && path.dirname(dir) !== dir) {
      rest.unshift(path.basename(dir));
      dir = path.dirname(dir);
    }
    return path.join(fs.realpathSync(dir), ...rest);
  }
}

/** The project's own files: the database, its WAL, shared memory, journal and backup. */
function projectFiles(db: Db | undefined): string[] {
  if (!db) return [];
  const real = landingPath(db.file);
  return ['', '-wal', '-shm', '-journal', '.bak'].map((s) => `${real}${s}`);
}

const sameFile = (a: fs.Stats, b: fs.Stats | undefined) => b !== undefined && a.dev === b.dev && a.ino === b.ino;

/**
 * Checks that `file` may be written as output: its extension is one of `extensions`, it is not
 * the project database or one of its companion files (by real path and by inode, so a symlink or
 * a hard link does not get round it), not any SQLite database, and, unless `force`, either new or
 * a file litkit wrote there and nobody has changed since. Without a project (`db` undefined) an
 * existing file is replaced only with `force`.
 */
export function claimOutput(db: Db | undefined, file: string, extensions: readonly string[], options: { force?: boolean } = {}): void {
  const ext = path.extname(file).toLowerCase();
  if (!extensions.includes(ext)) {
    throw new OutputError(file, `${ext ? `a ${ext} file` : 'a file without an extension'} cannot hold this output; give a name ending in ${extensions.join(', ')}`);
  }
  const target = landingPath(file);
  const existing = fs.statSync(target, { throwIfNoEntry: false });
  const own = projectFiles(db);
  if (own.includes(target) || (existing && own.some((f) => sameFile(existing, fs.statSync(f, { throwIfNoEntry: false }))))) {
    throw new OutputError(file, 'is the project database (or one of its files); litkit never writes output over it');
  }
  if (!existing) return;
  if (!existing.isFile()) throw new OutputError(file, 'exists and is not a regular file');
  const head = Buffer.alloc(16);
  const fd = fs.openSync(target, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.toString('latin1') === 'SQLite format 3\0') throw new OutputError(file, 'is an SQLite database; litkit never writes output over one');
  if (options.force) return;
  const written = db?.sql.prepare('SELECT sha256 FROM outputs WHERE path = ?').pluck().get(target) as string | undefined;
  if (written !== sha256(fs.readFileSync(target))) {
    throw new OutputError(file, written ? 'was changed since litkit wrote it; give --force to replace it, or another --out' : 'already exists and litkit did not write it; give --force to replace it, or another --out');
  }
}

/** Remembers what litkit wrote at `file` (its SHA-256), so the next run may replace it; nothing on a read-only project. */
export function recordOutput(db: Db | undefined, file: string): void {
  if (!db || db.readonly) return;
  db.sql
    .prepare('INSERT INTO outputs (path, sha256, written_at) VALUES (?, ?, ?) ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, written_at = excluded.written_at')
    .run(landingPath(file), sha256(fs.readFileSync(file)), new Date().toISOString());
}

/**
 * Writes output whole or not at all: `produce` writes a temporary file beside the target, which
 * is renamed over it when complete, and what was written is remembered. Call `claimOutput` first.
 */
export async function writeOutputWith(db: Db | undefined, file: string, produce: (temp: string) => void | Promise<void>): Promise<number> {
  const target = landingPath(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.litkit-${process.pid}.tmp`;
  try {
    await produce(temp);
    fs.renameSync(temp, target);
  } catch (err) {
    if (err instanceof LitkitError) throw err;
    throw new OutputError(file, `cannot be written: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    fs.rmSync(temp, { force: true });
  }
  recordOutput(db, target);
  return fs.statSync(target).size;
}

/** `writeOutputWith` for content already in memory. */
export function writeOutput(db: Db | undefined, file: string, content: string | Buffer): Promise<number> {
  return writeOutputWith(db, file, (temp) => fs.writeFileSync(temp, content));
}
