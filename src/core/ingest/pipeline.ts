import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { errorInfo, InputError, UsageError } from '../../errors.js';
import { insertDocument } from '../documents/write.js';
import type { Db } from '../store/db.js';
import { collectFiles, type FileFilter } from './files.js';
import { formatOf, SUPPORTED_EXTENSIONS } from './formats.js';
import { logIngest } from './log.js';
import { inlinePreparer, WorkerPool, type Preparer } from './pool.js';
import type { Format, PdfEngineName, PreparedDocument } from './types.js';

export interface IngestOptions extends FileFilter {
  /** Attributes set on every document stored by this run. */
  attributes?: Record<string, string>;
  /** Worker threads for extraction; 0 extracts on the calling thread. Default: CPU count. */
  jobs?: number;
  pdfEngine?: PdfEngineName;
  /** Files larger than this are refused (default 256 MiB). */
  maxBytes?: number;
  /** Per-file extraction time limit in worker mode (default 120 s). */
  timeoutMs?: number;
  /** Called after each file with what happened to it. */
  onFile?(event: FileEvent, progress: { done: number; total: number; pages: number }): void;
}

export type FileEvent =
  | { outcome: 'stored' | 'no-text'; path: string; documentId: number; pages: number; segments: number; reason?: string }
  | { outcome: 'skipped'; path: string; documentId: number; reason: string }
  | { outcome: 'failed'; path: string; code: string; message: string };

export interface IngestSummary {
  files: number;
  stored: number;
  noText: number;
  skipped: number;
  failed: number;
  pages: number;
  segments: number;
  seconds: number;
  pagesPerSecond: number;
  failures: { path: string; code: string; message: string }[];
  noTextFiles: { path: string; reason: string }[];
}

interface Candidate {
  path: string;
  format: Format;
  data: Buffer;
  /** Kept apart from data, whose buffer is handed over (emptied) when sent to a worker. */
  bytes: number;
  sha256: string;
}

export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/** Reads a file and checks what can be checked before extraction: type, size, duplicates. */
function screen(file: string, maxBytes: number): Omit<Candidate, 'path'> {
  const format = formatOf(file);
  if (!format) {
    throw new InputError('E_UNSUPPORTED', `unsupported file type; litkit reads ${SUPPORTED_EXTENSIONS.join(' ')}`, file);
  }
  const size = fs.statSync(file).size;
  if (size === 0) throw new InputError('E_EMPTY', 'the file is empty (0 bytes)', file);
  if (size > maxBytes) {
    throw new InputError('E_TOO_LARGE', `the file is ${(size / 2 ** 20).toFixed(0)} MiB, over the ${(maxBytes / 2 ** 20).toFixed(0)} MiB limit (--max-size)`, file);
  }
  // A fresh, unshared ArrayBuffer, so that it can be transferred to a worker without copying.
  const data = Buffer.from(new ArrayBuffer(size));
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, data, 0, size, 0);
  } finally {
    fs.closeSync(fd);
  }
  return { format, data, bytes: size, sha256: crypto.createHash('sha256').update(data).digest('hex') };
}

/**
 * Ingests files and folders into the project: extraction in worker threads while this thread
 * writes, one transaction per document. Bad files are reported and skipped; the run goes on.
 */
export async function ingest(db: Db, paths: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  const own = path.resolve(db.file);
  const ignore = [own, `${own}-wal`, `${own}-shm`, `${own}-journal`, `${own}.bak`];
  const { files, missing } = collectFiles(paths, { ...options, ignore });
  const summary: IngestSummary = {
    files: files.length + missing.length, stored: 0, noText: 0, skipped: 0, failed: 0, pages: 0, segments: 0,
    seconds: 0, pagesPerSecond: 0, failures: [], noTextFiles: [],
  };
  let done = 0;
  const report = (event: FileEvent) => {
    done++;
    if (event.outcome === 'failed') {
      summary.failed++;
      summary.failures.push({ path: event.path, code: event.code, message: event.message });
      logIngest(db, { path: event.path, outcome: 'failed', code: event.code, message: event.message });
    } else if (event.outcome === 'skipped') summary.skipped++;
    options.onFile?.(event, { done, total: summary.files, pages: summary.pages });
  };
  for (const m of missing) report({ outcome: 'failed', path: m, code: 'E_NOT_FOUND', message: 'no such file or folder' });

  const known = db.sql.prepare('SELECT id FROM documents WHERE sha256 = ?').pluck();
  const seenThisRun = new Map<string, string>();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const jobs = Math.max(0, Math.min(options.jobs ?? os.availableParallelism(), files.length));
  const preparer: Preparer = jobs === 0 ? inlinePreparer : new WorkerPool(jobs, options.timeoutMs ?? 120_000);
  // Bounds memory: only this many files are read and not yet written at once.
  const window = Math.max(8, jobs * 4);
  const pending = new Set<Promise<void>>();
  // Writes happen in input order whatever order extraction finishes in, so that document ids
  // follow the sorted file list and are the same on every run.
  let writes: Promise<void> = Promise.resolve();

  const store = (c: Candidate, prepared: PreparedDocument, ms: number) => {
    let documentId: number;
    try {
      documentId = insertDocument(db, {
        sha256: c.sha256, sourcePath: c.path, format: c.format, bytes: c.bytes, prepared,
        attributes: options.attributes ?? {},
      });
    } catch (err) {
      const info = errorInfo(err);
      return report({ outcome: 'failed', path: c.path, code: 'E_STORE', message: `could not be stored: ${info.message}` });
    }
    const outcome = prepared.status === 'ok' ? 'stored' : 'no-text';
    logIngest(db, { path: c.path, outcome, sha256: c.sha256, documentId, pages: prepared.pages.length, ms: Math.round(ms), message: prepared.reason });
    summary.pages += prepared.pages.length;
    summary.segments += prepared.segments.length;
    if (outcome === 'stored') summary.stored++;
    else {
      summary.noText++;
      summary.noTextFiles.push({ path: c.path, reason: prepared.reason ?? '' });
    }
    report({ outcome, path: c.path, documentId, pages: prepared.pages.length, segments: prepared.segments.length, reason: prepared.reason });
  };

  try {
    for (const file of files) {
      let candidate: Candidate;
      try {
        candidate = { path: file, ...screen(file, maxBytes) };
      } catch (err) {
        const info = errorInfo(err);
        writes = writes.then(() => report({ outcome: 'failed', path: file, code: info.code, message: info.message }));
        continue;
      }
      const existing = known.get(candidate.sha256) as number | undefined;
      const twin = seenThisRun.get(candidate.sha256);
      if (existing !== undefined || twin) {
        const reason = existing !== undefined ? `already in the project as document ${existing}` : `same content as ${twin}`;
        writes = writes.then(() => {
          logIngest(db, { path: file, outcome: 'skipped', sha256: candidate.sha256, documentId: existing, message: reason });
          report({ outcome: 'skipped', path: file, documentId: existing ?? 0, reason });
        });
        continue;
      }
      seenThisRun.set(candidate.sha256, file);
      const t0 = performance.now();
      const prepared = preparer
        .prepare({ file, format: candidate.format, data: candidate.data, pdfEngine: options.pdfEngine ?? 'pdfium' })
        .then((doc) => ({ doc, ms: performance.now() - t0 }));
      // Handled below in its turn; this keeps an early failure from counting as unhandled.
      prepared.catch(() => undefined);
      const written: Promise<void> = (writes = writes.then(() =>
        prepared.then(
          ({ doc, ms }) => store(candidate, doc, ms),
          (err: unknown) => {
            const info = errorInfo(err);
            report({ outcome: 'failed', path: file, code: info.code, message: info.message });
          },
        ),
      )).finally(() => pending.delete(written));
      pending.add(written);
      if (pending.size >= window) await Promise.race(pending);
    }
    await writes;
  } finally {
    await preparer.close();
  }
  summary.seconds = (performance.now() - started) / 1000;
  summary.pagesPerSecond = summary.seconds > 0 ? summary.pages / summary.seconds : 0;
  return summary;
}

/** Parses `key=value` attribute arguments. */
export function parseAttributes(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError('E_USAGE', `--attr expects key=value, got "${pair}"`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}
