import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { errorInfo, InputError, LitkitError, UsageError } from '../../errors.js';
import { insertDocument, replaceDocument } from '../documents/write.js';
import { cleanField } from '../render/escape.js';
import { isBusyFailure, type Db } from '../store/db.js';
import { DEFAULT_LIMITS, readLimits, type Limits } from '../store/limits.js';
import type { DetectOptions } from '../privacy/detect.js';
import { collectFiles, fileError, type FileFilter } from './files.js';
import { formatOf, SUPPORTED_EXTENSIONS, SURVEY_EXTENSIONS } from './formats.js';
import { logIngest, type IngestLogEntry } from '../documents/log.js';
import { inlinePreparer, WorkerPool, type Preparer } from './pool.js';
import type { Format, OcrOptions, PdfEngineName, PreparedDocument } from './types.js';

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
  /** Per-file extraction time limit in worker mode (default 120 s; 1 h with OCR). */
  timeoutMs?: number;
  /** Mask personal data before anything is stored (`--redact`). */
  redact?: DetectOptions;
  /** Recognise pages without a text layer, and images; documents stored without text are read again. */
  ocr?: OcrOptions;
  /** Called after each file with what happened to it. */
  onFile?(event: FileEvent, progress: { done: number; total: number; pages: number }): void;
  /**
   * Stops the run (Ctrl-C): no further file is started, documents being extracted are abandoned,
   * and `ingest` resolves with the summary so far. A document being written is finished first.
   */
  signal?: AbortSignal;
  /** Filled in at the end with the most memory one extraction worker held (for bench/ingest-memory.js). */
  workerMemory?: { peakBytes: number };
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
  /** Files left untouched because the run was stopped (`signal`); 0 when it ran to the end. */
  notProcessed: number;
  interrupted: boolean;
  pages: number;
  /** Pages whose text OCR recognised (--ocr). */
  ocrPages: number;
  segments: number;
  seconds: number;
  pagesPerSecond: number;
  failures: { path: string; code: string; message: string }[];
  noTextFiles: { path: string; reason: string }[];
  /** Spreadsheets found (CSV, XLSX): survey exports, which `ingest --survey` reads; left alone here. */
  surveyFiles: string[];
}

interface Candidate {
  path: string;
  format: Format;
  data: Buffer;
  /** Kept apart from data, whose buffer is handed over (emptied) when sent to a worker. */
  bytes: number;
  sha256: string;
  /** A document stored without text that this run reads again with OCR. */
  replaces?: number;
}

export const DEFAULT_MAX_BYTES = DEFAULT_LIMITS.maxFileBytes;

/**
 * File bytes read ahead of the writer at most. Real PDFs average under 1 MB, so the file-count
 * window is what binds; this keeps eight 100 MB scans from being held at once.
 */
const MAX_BYTES_IN_FLIGHT = 128 * 2 ** 20;

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
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (err) {
    throw fileError(err, file, 'read the file');
  }
  if (size === 0) throw new InputError('E_EMPTY', 'the file is empty (0 bytes)', file);
  if (size > maxBytes) {
    throw new InputError('E_TOO_LARGE', `the file is ${mib(size)}, over the ${mib(maxBytes)} limit (limits.max-file-mb, or --max-size)`, file);
  }
  if (TEXT_FORMATS.has(format) && size > maxTextBytes) {
    throw new InputError('E_TOO_LARGE', `the file is ${mib(size)} of text, over the ${mib(maxTextBytes)} limit for text files (limits.max-text-mb)`, file);
  }
  // A fresh, unshared ArrayBuffer, so that it can be transferred to a worker without copying.
  const data = Buffer.from(new ArrayBuffer(size));
  try {
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, data, 0, size, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    throw fileError(err, file, 'read the file');
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
  private readonly byHash;

  constructor(
    private readonly db: Db,
    private readonly options: IngestOptions,
    total: number,
  ) {
    this.byHash = db.sql.prepare('SELECT id FROM documents WHERE sha256 = ?').pluck();
    this.summary = {
      files: total, stored: 0, noText: 0, skipped: 0, failed: 0, notProcessed: 0, interrupted: false, pages: 0, ocrPages: 0, segments: 0,
      seconds: 0, pagesPerSecond: 0, failures: [], noTextFiles: [], surveyFiles: [],
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
    this.log({ path, outcome: 'failed', code, message });
    this.report({ outcome: 'failed', path, code, message });
  }

  skip(path: string, sha256: string, reason: string, documentId?: number): void {
    this.summary.skipped++;
    this.log({ path, outcome: 'skipped', sha256, documentId, message: reason });
    this.report({ outcome: 'skipped', path, documentId: documentId ?? 0, reason });
  }

  /**
   * Stores a prepared document in its own transaction; a failed write stores nothing of it. Another
   * ingest running at the same time may have stored the same content since it was screened: that
   * is a skip, not a failure.
   */
  store(c: Candidate, prepared: PreparedDocument, ms: number): void {
    let documentId: number;
    try {
      const doc = { sha256: c.sha256, sourcePath: c.path, format: c.format, bytes: c.bytes, prepared, attributes: this.options.attributes ?? {} };
      if (c.replaces === undefined) documentId = insertDocument(this.db, doc);
      else replaceDocument(this.db, (documentId = c.replaces), doc);
    } catch (err) {
      const existing = c.replaces === undefined ? this.known(c.sha256) : undefined;
      if (existing !== undefined) return this.skip(c.path, c.sha256, `already in the project as document ${existing}`, existing);
      return this.fail(c.path, storeError(c.path, err));
    }
    const pages = prepared.pages.length;
    const outcome = prepared.status === 'ok' ? 'stored' : 'no-text';
    this.log({ path: c.path, outcome, sha256: c.sha256, documentId, pages, ms: Math.round(ms), message: prepared.reason });
    this.summary.pages += pages;
    this.summary.ocrPages += prepared.ocr?.length ?? 0;
    this.summary.segments += prepared.segments.length;
    if (outcome === 'stored') this.summary.stored++;
    else {
      this.summary.noText++;
      this.summary.noTextFiles.push({ path: c.path, reason: prepared.reason ?? '' });
    }
    this.report({ outcome, path: c.path, documentId, pages, segments: prepared.segments.length, reason: prepared.reason });
  }

  /** The document already holding this content, if any. */
  known(sha256: string): number | undefined {
    return this.byHash.get(sha256) as number | undefined;
  }

  /**
   * Appends to the ingest log. A full disk or a lock held past the busy timeout must not end the
   * run: the file's outcome is still reported and counted, only its log line is lost.
   */
  private log(entry: IngestLogEntry): void {
    try {
      logIngest(this.db, entry);
    } catch {
      // Reported through the file's own event; nothing else can be done with a full disk.
    }
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

/** Why a document could not be written, as one typed line (a full disk and a lock are said plainly). */
function storeError(file: string, err: unknown): InputError {
  const code = (err as { code?: unknown })?.code;
  if (code === 'SQLITE_FULL') return new InputError('E_DISK_FULL', 'not stored: the disk holding the project is full (or the database reached its size limit)', file);
  if (isBusyFailure(err) || (err instanceof LitkitError && err.code === 'E_BUSY')) {
    return new InputError('E_BUSY', 'not stored: another process kept the project locked too long; ingest it again', file);
  }
  return new InputError('E_STORE', `could not be stored: ${errorInfo(err).message}`, file);
}

/** A skipped file's step. Its own function, so that the closure holds no file bytes while it waits its turn. */
function queueSkip(run: IngestRun, file: string, sha256: string, reason: string, existing?: number): void {
  void run.inTurn(() => run.skip(file, sha256, reason, existing));
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
  const collected = collectFiles(paths, { ...options, ignore: ownFiles(db) });
  const isSheet = (f: string) => SURVEY_EXTENSIONS.includes(path.extname(f).toLowerCase());
  const files = collected.files.filter((f) => !isSheet(f));
  const { problems } = collected;
  const run = new IngestRun(db, options, files.length + problems.length);
  run.summary.surveyFiles = collected.files.filter(isSheet);
  for (const p of problems) run.fail(p.file ?? '', p);

  const known = db.sql.prepare('SELECT id, status FROM documents WHERE sha256 = ?');
  const seenThisRun = new Map<string, string>();
  const limits = options.limits ?? readLimits(db);
  const maxBytes = options.maxBytes ?? limits.maxFileBytes;
  const { maxUnzippedBytes, maxZipEntries, maxPdfPages, maxHtmlDepth } = limits;
  const jobs = Math.max(0, Math.min(effectiveJobs(options.jobs), files.length));
  // OCR takes about 2 s a page per core, so a long scan needs far longer than text extraction.
  const timeoutMs = options.timeoutMs ?? (options.ocr ? 3_600_000 : 120_000);
  const preparer: Preparer = jobs === 0 ? inlinePreparer : new WorkerPool(jobs, timeoutMs);
  // Fewer files than --jobs leave cores idle: each document's pages are then recognised in parallel.
  const ocr = options.ocr && { engines: Math.max(1, Math.floor(effectiveJobs(options.jobs) / Math.max(1, jobs))), ...options.ocr };
  // Bounds memory: only this many files, and this many bytes of them, are read and not yet written
  // at once (one file is always let through, however large).
  const window = Math.max(8, jobs * 4);
  const pending = new Map<Promise<void>, number>();
  let bytesInFlight = 0;
  const { signal } = options;
  // Stop at once: extraction under way is abandoned (its file counts as not processed), while a
  // write in progress, being synchronous, always completes first.
  const stop = () => void preparer.close();
  signal?.addEventListener('abort', stop, { once: true });
  // Database pages read through the memory map count towards the process's RSS, and a growing
  // project maps ever more of itself (FTS merges read old index pages); the page cache is bounded.
  const mmapSize = db.sql.pragma('mmap_size', { simple: true }) as number;
  db.sql.pragma('mmap_size = 0');

  try {
    let index = 0;
    for (const file of files) {
      if (signal?.aborted) break;
      index++;
      let c: Candidate;
      try {
        c = { path: file, ...screen(file, maxBytes, limits.maxTextBytes) };
      } catch (err) {
        void run.inTurn(() => run.fail(file, err));
        continue;
      }
      const stored = known.get(c.sha256) as { id: number; status: string } | undefined;
      // With --ocr, a document stored without text is read again rather than skipped.
      if (stored && options.ocr && stored.status === 'no-text') c.replaces = stored.id;
      const existing = c.replaces === undefined ? stored?.id : undefined;
      const twin = seenThisRun.get(c.sha256);
      if (existing !== undefined || twin) {
        queueSkip(run, file, c.sha256, existing !== undefined ? `already in the project as document ${existing}` : `same content as ${twin}`, existing);
        // Skips take no window slot; yielding now and then lets them report, and a stop be heard.
        if (index % window === 0) await new Promise(setImmediate);
        continue;
      }
      seenThisRun.set(c.sha256, file);
      const t0 = performance.now();
      const prepared = preparer
        .prepare({ file, format: c.format, data: c.data, pdfEngine: options.pdfEngine ?? 'pdfium', limits: { maxUnzippedBytes, maxZipEntries, maxPdfPages, maxHtmlDepth }, ocr, redact: options.redact })
        .then((doc) => ({ doc, ms: performance.now() - t0 }));
      prepared.catch(() => undefined); // handled in its turn, below
      const written = run
        .inTurn(() =>
          prepared.then(
            ({ doc, ms }) => (signal?.aborted ? undefined : run.store(c, doc, ms)),
            (err: unknown) => (signal?.aborted ? undefined : run.fail(file, err)),
          ),
        )
        .finally(() => {
          bytesInFlight -= pending.get(written) ?? 0;
          pending.delete(written);
        });
      // An unexpected failure surfaces from run.finished(); this one handler keeps it from
      // also counting as unhandled.
      written.catch(() => undefined);
      pending.set(written, c.bytes);
      bytesInFlight += c.bytes;
      while (pending.size >= window || (bytesInFlight > MAX_BYTES_IN_FLIGHT && pending.size > 1)) await Promise.race(pending.keys());
    }
    await run.finished();
  } finally {
    signal?.removeEventListener('abort', stop);
    db.sql.pragma(`mmap_size = ${mmapSize}`);
    await preparer.close();
    if (options.workerMemory && preparer instanceof WorkerPool) options.workerMemory.peakBytes = preparer.peakWorkerBytes;
  }
  const { summary } = run;
  if (signal?.aborted) {
    summary.interrupted = true;
    summary.notProcessed = summary.files - summary.stored - summary.noText - summary.skipped - summary.failed;
  }
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
