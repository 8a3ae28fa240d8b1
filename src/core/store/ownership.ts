import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { ProjectError } from '../../errors.js';

/** `PRAGMA application_id` of every litkit project: "LTKT" in ASCII, stamped at init. */
export const APPLICATION_ID = 0x4c544b54;

/** What the 100-byte SQLite header says about a file, read without opening it with SQLite. */
export interface FileHeader {
  size: number;
  sqlite: boolean;
  applicationId: number;
  userVersion: number;
  /** A non-empty WAL beside it may hold a newer header than the file's own. */
  wal: boolean;
}

/** Reads the header of an existing file (https://sqlite.org/fileformat.html, section 1.3). */
export function readHeader(file: string): FileHeader {
  const head = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  let size: number;
  try {
    size = fs.fstatSync(fd).size;
    fs.readSync(fd, head, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  return {
    size,
    sqlite: size >= 100 && head.toString('latin1', 0, 16) === 'SQLite format 3\0',
    applicationId: head.readUInt32BE(68),
    userVersion: head.readUInt32BE(60),
    wal: (fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0,
  };
}

/**
 * Refuses, before SQLite touches it, a file that is not a litkit project: empty, not SQLite, or
 * another program's database. A database without an application id passes only if it may be a
 * project from before litkit stamped one (a schema version, or a WAL that may hold one); the
 * schema itself is checked once it is open (`isLitkitSchema`).
 */
export function checkOwnership(file: string, h: FileHeader): void {
  const refuse = (cause: string) => {
    throw new ProjectError('E_NOT_PROJECT', `${cause}; litkit opens only projects made by \`litkit init\``, file);
  };
  if (h.size === 0) refuse('the file is empty, not a litkit project');
  if (!h.sqlite) refuse('not an SQLite database, so not a litkit project');
  if (h.applicationId !== 0 && h.applicationId !== APPLICATION_ID) {
    refuse(`an SQLite database of another program (application id 0x${h.applicationId.toString(16)})`);
  }
  if (h.applicationId === 0 && h.userVersion === 0 && !h.wal) refuse('an SQLite database, but not a litkit project');
}

/** Whether an open database holds litkit's schema: a schema version and the tables of migration 001. */
export function isLitkitSchema(sql: Database.Database): boolean {
  if ((sql.pragma('user_version', { simple: true }) as number) < 1) return false;
  const tables = new Set(sql.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  return ['settings', 'documents', 'pages', 'segments', 'document_attributes'].every((t) => tables.has(t));
}
