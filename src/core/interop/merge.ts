import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { Db } from '../store/db.js';
import { findProject } from '../store/project.js';
import { applyIncoming, type ApplyReport } from './apply.js';
import type { Incoming } from './incoming.js';
import { readLitkitProject } from './litkit-read.js';
import { mapQdpx } from './qda-map.js';
import { readQdpx } from './qdpx-read.js';

/** A QDPX (or bare .qde) file, told from a litkit project by its name or its first bytes. */
function isQdpx(file: string): boolean {
  if (/\.(qdpx|qde)$/i.test(file)) return true;
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) return false;
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    fs.readSync(fd, head, 0, 2, 0);
    return head.toString('latin1') === 'PK';
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Brings another coder's work on the same documents into the project: codings and memos, with
 * coder identity kept, from another litkit project (folder or database file) or a QDPX file.
 * Documents are matched by file SHA-256, else by identical text; those in only one of the two are
 * reported, not copied. Exact duplicates are skipped; spans coded here with other codes are
 * reported as conflicts. Afterwards `agreement` compares the coders.
 */
export async function merge(db: Db, other: string, options: { actor?: string } = {}): Promise<ApplyReport> {
  let incoming: Incoming;
  if (isQdpx(other)) {
    incoming = await mapQdpx(await readQdpx(other), other);
  } else {
    const file = findProject(other);
    if (path.resolve(file) === path.resolve(db.file)) throw new UsageError('E_USAGE', 'cannot merge a project into itself');
    const theirs = Db.open(file, { readonly: true });
    try {
      incoming = readLitkitProject(theirs, other);
    } finally {
      theirs.close();
    }
  }
  return applyIncoming(db, incoming, { mode: 'merge', actor: options.actor });
}
