import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { errorInfo, InputError, UsageError } from '../../errors.js';
import { insertDocument } from '../documents/write.js';
import { cleanField } from '../render/escape.js';
import type { Db } from '../store/db.js';
import { DEFAULT_LIMITS, readLimits, type Limits } from '../store/limits.js';
import type { DetectOptions } from '../privacy/detect.js';
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
  /** Files larger than this are refused (default: the project's limits.max-file-mb). */
  maxBytes?: number;
  /** Size, unpacking and nesting limits (default: the project's, from `litkit config`). */
  limits?: Limits;
  /** Per-file extraction time limit in worker mode (default 120 s). */
  timeoutMs?: number;
  /** Mask personal data before anything is stored (`--redact`). */
  redact?: DetectOptions;
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

export const DEFAULT_MAX_BYTES = DEFAULT_LIMITS.maxFileBytes;

const mib = (bytes: number) => `${bytes < 10 * 2 ** 20 ? (bytes / 2 ** 20).toFixed(1) : Math.round(bytes / 2 ** 20)} MiB`;

/** Formats read whole into one string, so held to the smaller text limit. */
const TEXT_FORMATS = new Set<Format>(['txt', 'md', 'html']);

/**
 * Reads a file and checks what can be checked before extraction: type and size (from the file
 * system, so a file over the limit is never read).
 */
function screen(file: string, maxBytes: number, maxTextBytes: number): Omit<Candidate, 'path'> {
  const format = formatOf(file);
  if (!format) {
    throw new InputError('E_UNSUPPORTED', `unsupported file type; litkit reads ${SUPPORTED_EXTENSIONS.join(' ')}`, file);
  }
  const size = fs.statSync(file).size;
  if (size === 0) throw new InputError('E_EMPTY', 'the file is empty (0 bytes)', file);
  if (size > maxBytes) {
    throw new InputError('E_TOO_LARGE', `the file is ${mib(size)}, over the ${mib(maxBytes)} limit (limits.max-file-mb, or --max-size)`, file);
  }
  if (TEXT_FORMATS.has(format) && size > maxTextBytes) {
    throw new InputError('E_TOO_LARGE', `the file is ${mib(size)} of text, over the ${mib(maxTextBytes)} limit for text files (limits.max-text-mb)`, file);
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
 * The bookkeeping of one ingest run: the summary, the log, progress events, and the order of
 * writes. Writes happen in input order whatever order extraction finishes in, so that document
 * ids follow the sorted file list and are the same on every run.
 */
class IngestRun {
  readonly summary: IngestSummary;
  private done = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly options: IngestOptions,
    total: number,
  ) {
    this.summary = {
      files: total, stored: 0, noText: 0, skipped: 0, failed: 0, pages: 0, segments: 0,
      seconds: 0, pagesPerSecond: 0, failures: [], noTextFiles: [],
    };
  }

  /** Runs `step` after every step queued before it; resolves when it has run. */
  inTurn(step: () => void | Promise<void>): Promise<void> {
    this.queue = this.queue.then(step);
    return this.queue;
  }

  finished(): Promise<void> {
    return this.queue;
  }

  fail(path: string, err: unknown): void {
    const { code, message } = errorInfo(err);
    this.summary.failed++;
    this.summary.failures.push({ path, code, message });
    logIngest(this.db, { path, outcome: 'failed', code, message });
    this.report({ outcome: 'failed', path, code, message });
  }

  skip(path: string, sha256: string, reason: string, documentId?: number): void {
    this.summary.skipped++;
    logIngest(this.db, { path, outcome: 'skipped', sha256, documentId, message: reason });
    this.report({ outcome: 'skipped', path, documentId: documentId ?? 0, reason });
  }

  /** Stores a prepared document in its own transaction; a failed write stores nothing of it. */
  store(c: Candidate, prepared: PreparedDocument, ms: number): void {
    let documentId: number;
    try {
      documentId = insertDocument(this.db, {
        sha256: c.sha256, sourcePath: c.path, format: c.format, bytes: c.bytes, prepared,
        attributes: this.options.attributes ?? {},
      });
    } catch (err) {
      return this.fail(c.path, new InputError('E_STORE', `could not be stored: ${errorInfo(err).message}`, c.path));
    }
    const pages = prepared.pages.length;
    const outcome = prepared.status === 'ok' ? 'stored' : 'no-text';
    logIngest(this.db, { path: c.path, outcome, sha256: c.sha256, documentId, pages, ms: Math.round(ms), message: prepared.reason });
    this.summary.pages += pages;
    this.summary.segments += prepared.segments.length;
    if (outcome === 'stored') this.summary.stored++;
    else {
      this.summary.noText++;
      this.summary.noTextFiles.push({ path: c.path, reason: prepared.reason ?? '' });
    }
    this.report({ outcome, path: c.path, documentId, pages, segments: prepared.segments.length, reason: prepared.reason });
  }

  private report(event: FileEvent): void {
    this.done++;
    this.options.onFile?.(event, { done: this.done, total: this.summary.files, pages: this.summary.pages });
  }
}

/**
 * Extraction workers for a requested count: at most one per CPU, since extraction is CPU-bound
 * and more threads only add memory (`--jobs 1000` would otherwise start a worker per file).
 */
export function effectiveJobs(requested?: number): number {
  return Math.min(requested ?? os.availableParallelism(), os.availableParallelism());
}

/** The project's own database files, which a folder walk must never pick up. */
function ownFiles(db: Db): string[] {
  const own = path.resolve(db.file);
  return [own, `${own}-wal`, `${own}-shm`, `${own}-journal`, `${own}.bak`];
}

/**
 * Ingests files and folders into the project: extraction in worker threads while this thread
 * writes, one transaction per document. Bad files are reported and skipped; the run goes on.
 */
export async function ingest(db: Db, paths: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  db.assertWritable();
  const started = performance.now();
  const { files, missing } = collectFiles(paths, { ...options, ignore: ownFiles(db) });
  const run = new IngestRun(db, options, files.length + missing.length);
  for (const m of missing) run.fail(m, new InputError('E_NOT_FOUND', 'no such file or folder', m));

  const known = db.sql.prepare('SELECT id FROM documents WHERE sha256 = ?').pluck();
  const seenThisRun = new Map<string, string>();
  const limits = options.limits ?? readLimits(db);
  const maxBytes = options.maxBytes ?? limits.maxFileBytes;
  const { maxUnzippedBytes, maxZipEntries, maxHtmlDepth } = limits;
  const jobs = Math.max(0, Math.min(effectiveJobs(options.jobs), files.length));
  const preparer: Preparer = jobs === 0 ? inlinePreparer : new WorkerPool(jobs, options.timeoutMs ?? 120_000);
  // Bounds memory: only this many files are read and not yet written at once.
  const window = Math.max(8, jobs * 4);
  const pending = new Set<Promise<void>>();

  try {
    for (const file of files) {
      let c: Candidate;
      try {
        c = { path: file, ...screen(file, maxBytes, limits.maxTextBytes) };
      } catch (err) {
        void run.inTurn(() => run.fail(file, err));
        continue;
      }
      const existing = known.get(c.sha256) as number | undefined;
      const twin = seenThisRun.get(c.sha256);
      if (existing !== undefined || twin) {
        const reason = existing !== undefined ? `already in the project as document ${existing}` : `same content as ${twin}`;
        void run.inTurn(() => run.skip(file, c.sha256, reason, existing));
        continue;
      }
      seenThisRun.set(c.sha256, file);
      const t0 = performance.now();
      const prepared = preparer
        .prepare({ file, format: c.format, data: c.data, pdfEngine: options.pdfEngine ?? 'pdfium', limits: { maxUnzippedBytes, maxZipEntries, maxHtmlDepth }, redact: options.redact })
        .then((doc) => ({ doc, ms: performance.now() - t0 }));
      prepared.catch(() => undefined); // handled in its turn, below
      const written = run
        .inTurn(() => prepared.then(({ doc, ms }) => run.store(c, doc, ms), (err: unknown) => run.fail(file, err)))
        .finally(() => pending.delete(written));
      // An unexpected failure surfaces from run.finished(); this one handler keeps it from
      // also counting as unhandled.
      written.catch(() => undefined);
      pending.add(written);
      if (pending.size >= window) await Promise.race(pending);
    }
    await run.finished();
  } finally {
    await preparer.close();
  }
  const { summary } = run;
  summary.seconds = (performance.now() - started) / 1000;
  summary.pagesPerSecond = summary.seconds > 0 ? summary.pages / summary.seconds : 0;
  return summary;
}

/** Keys that name parts of every JavaScript object rather than an attribute. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses `key=value` attribute arguments. A key is letters, digits, `_`, `-` or `.` (what a query's
 * `doc.KEY` can name) and not `__proto__`, `constructor` or `prototype`; values lose control
 * characters, since they are printed and written to reports.
 */
export function parseAttributes(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError('E_USAGE', `--attr expects key=value, got "${cleanField(pair)}"`);
    const key = pair.slice(0, eq).trim();
    if (RESERVED_KEYS.has(key.toLowerCase()) || !/^[\p{L}\p{N}_.-]+$/u.test(key)) {
      throw new UsageError('E_USAGE', `--attr key "${cleanField(key)}" cannot be used: a key is letters, digits, _, - or ., and not __proto__, constructor or prototype`);
    }
    out[key] = cleanField(pair.slice(eq + 1));
  }
  return out;
}
