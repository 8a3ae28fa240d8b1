import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { InputError } from '../../errors.js';

export interface FileFilter {
  include?: string[];
  exclude?: string[];
  /** Absolute paths never to collect (the project's own database files). */
  ignore?: string[];
}

/** What a folder walk found: the files to read, and a typed error for each path it could not follow. */
export interface CollectedFiles {
  files: string[];
  problems: InputError[];
}

// What Node's file-system error codes mean to someone reading an ingest's report.
const CAUSES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'part of the path is a file, not a folder',
  ELOOP: 'a symbolic link that points back to itself (a loop)',
  EIO: 'an input/output error on the device',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
};

/** A failed stat, open, read or readdir as one typed error naming the path (E_ACCES, E_NOENT …). */
export function fileError(err: unknown, file: string, doing: string): InputError {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return new InputError('E_READ', `cannot ${doing}: ${err instanceof Error ? err.message : String(err)}`, file);
  return new InputError(`E_${code.slice(1)}`, `cannot ${doing}: ${CAUSES[code] ?? code}`, file);
}

/**
 * The files named by `paths`, folders walked recursively in a stable (sorted) order. Globs match
 * the path relative to the folder given, and also the bare file name, so `--include '*.pdf'` and
 * `--exclude 'drafts/**'` both do what they say. Hidden files and folders are passed over in walks.
 *
 * Symbolic links are followed: a linked file is collected under the link's name (a second name for
 * a file already collected is then skipped by its content, and says so), a linked folder is walked
 * unless it contains the link (a loop: reported as E_SYMLINK_LOOP, not followed again); a link to
 * nothing is reported (E_BROKEN_LINK). A folder that cannot be read is reported and the walk goes on.
 */
export function collectFiles(paths: string[], filter: FileFilter = {}): CollectedFiles {
  const include = filter.include?.length ? picomatch(filter.include, { dot: true }) : undefined;
  const exclude = filter.exclude?.length ? picomatch(filter.exclude, { dot: true }) : undefined;
  const accepts = (rel: string) => {
    const name = path.basename(rel);
    if (exclude && (exclude(rel) || exclude(name))) return false;
    return !include || include(rel) || include(name);
  };
  const files: string[] = [];
  const problems: InputError[] = [];
  const seen = new Set<string>();
  const ignored = new Set(filter.ignore ?? []);
  const push = (file: string, real: string) => {
    const abs = path.resolve(file);
    if (!seen.has(abs) && !ignored.has(abs) && !ignored.has(real)) {
      seen.add(abs);
      files.push(file);
    }
  };

  /** Walks `dir` (whose real path is `real`); `ancestors` are the real paths of the folders above it. */
  const walk = (given: string, dir: string, real: string, ancestors: Set<string>) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch (err) {
      problems.push(fileError(err, dir, 'read the folder'));
      return;
    }
    const inside = new Set(ancestors).add(real);
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      const rel = path.relative(given, full).split(path.sep).join('/');
      if (e.isDirectory()) {
        walk(given, full, path.join(real, e.name), inside);
      } else if (e.isFile()) {
        if (accepts(rel)) push(full, path.join(real, e.name));
      } else if (e.isSymbolicLink()) {
        followLink(given, full, rel, inside);
      }
    }
  };

  const followLink = (given: string, link: string, rel: string, ancestors: Set<string>) => {
    let target: string;
    let stat: fs.Stats;
    try {
      target = fs.realpathSync(link);
      stat = fs.statSync(target);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ENOENT') problems.push(new InputError('E_BROKEN_LINK', `a symbolic link to nothing (${safeReadlink(link)})`, link));
      else if (code === 'ELOOP') problems.push(new InputError('E_SYMLINK_LOOP', 'a symbolic link that points back to itself (a loop); not followed', link));
      else problems.push(fileError(err, link, 'follow the link'));
      return;
    }
    if (stat.isDirectory()) {
      if (ancestors.has(target)) {
        problems.push(new InputError('E_SYMLINK_LOOP', `a symbolic link to a folder that contains it (${target}); not followed again`, link));
      } else {
        walk(given, link, target, ancestors);
      }
    } else if (stat.isFile() && accepts(rel)) {
      push(link, target);
    }
  };

  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (err) {
      const code = (err as { code?: string }).code;
      problems.push(code === 'ENOENT' ? new InputError('E_NOT_FOUND', 'no such file or folder', given) : fileError(err, given, 'read'));
      continue;
    }
    let real: string;
    try {
      real = fs.realpathSync(given);
    } catch (err) {
      problems.push(fileError(err, given, 'read'));
      continue;
    }
    if (!stat.isDirectory()) {
      if (accepts(path.basename(given))) push(given, real);
    } else {
      walk(given, given, real, new Set());
    }
  }
  return { files, problems };
}

function safeReadlink(link: string): string {
  try {
    return `points to ${fs.readlinkSync(link)}`;
  } catch {
    return 'unreadable';
  }
}
