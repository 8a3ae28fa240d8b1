import { ExitCode, LitkitError } from '../errors.js';

// What Node's file-system error codes mean to someone at a terminal.
const CAUSES: Record<string, string> = {
  EEXIST: 'a file is already there',
  ENOTDIR: 'part of the path is a file, not a folder',
  ENOENT: 'no such file or folder',
  EISDIR: 'is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
};

/** A Node system error (a failed mkdir, open, write …) as one litkit line naming the path; undefined for anything else. */
export function systemFailure(err: Error): LitkitError | undefined {
  const e = err as Error & { code?: unknown; path?: unknown; syscall?: unknown };
  if (typeof e.code !== 'string' || typeof e.syscall !== 'string' || !/^E[A-Z]+$/.test(e.code)) return undefined;
  const cause = CAUSES[e.code] ?? e.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  return new LitkitError(`E_${e.code.slice(1)}`, `cannot ${e.syscall}: ${cause}`, ExitCode.generic, typeof e.path === 'string' ? e.path : undefined);
}
