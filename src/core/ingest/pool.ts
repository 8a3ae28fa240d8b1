import { Worker } from 'node:worker_threads';
import { InputError } from '../../errors.js';
import type { PrepareTask } from './prepare.js';
import type { PreparedDocument } from './types.js';

/** A worker's answer; `memory` is its heap and buffers after the document, in bytes. */
type Reply = ({ id: number; ok: true; doc: PreparedDocument } | { id: number; ok: false; error: { code: string; message: string } }) & { memory?: number };

interface Job {
  id: number;
  task: PrepareTask;
  resolve(doc: PreparedDocument): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);
/** Heap per extraction worker: far above what real documents take, below what would exhaust a laptop. */
const WORKER_HEAP_MB = 2048;

/** Runs `prepareDocument` somewhere: in worker threads, or inline when there are none. */
export interface Preparer {
  prepare(task: PrepareTask): Promise<PreparedDocument>;
  close(): Promise<void>;
}

/** Prepares documents on the calling thread (for --jobs 0, and for library use without workers). */
export const inlinePreparer: Preparer = {
  // Loaded on first use: the extractors are heavy and the main thread does not need them otherwise.
  prepare: async (task) => (await import('./prepare.js')).prepareDocument(task),
  // OCR's tesseract workers would keep the process alive; in worker mode they end with their thread.
  close: async () => (await import('./ocr/recognizer.js')).closeRecognizers(),
};

/**
 * A fixed set of worker threads, one document each at a time. A worker that crashes or exceeds the
 * per-file time limit is replaced, and only its document fails.
 */
export class WorkerPool implements Preparer {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** The most memory one worker reported holding after a document (heap and buffers), in bytes. */
  peakWorkerBytes = 0;

  constructor(
    size: number,
    private readonly timeoutMs: number,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  prepare(task: PrepareTask): Promise<PreparedDocument> {
    if (this.closed) return Promise.reject(new InputError('E_INTERRUPTED', 'not read: the run was stopped', task.file));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Stops every worker. Documents queued or being extracted are rejected (E_INTERRUPTED), so a
   * run that is stopped midway settles at once instead of waiting on workers that are gone.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const stopped = (job: Job) => job.reject(new InputError('E_INTERRUPTED', 'not read: the run was stopped', job.task.file));
    for (const job of this.queue.splice(0)) stopped(job);
    await Promise.all(
      this.slots.map((slot) => {
        clearTimeout(slot.timer);
        slot.worker.removeAllListeners();
        if (slot.job) stopped(slot.job);
        slot.job = undefined;
        return slot.worker.terminate();
      }),
    );
  }

  private spawn(): Slot {
    // A worker that runs out of heap ends alone (ERR_WORKER_OUT_OF_MEMORY) instead of taking the
    // whole process down with V8's fatal out-of-memory abort.
    const slot: Slot = { worker: new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }) };
    slot.worker.unref();
    slot.worker.on('message', (reply: Reply) => this.finish(slot, reply));
    slot.worker.on('error', (err: Error & { code?: string }) =>
      this.fail(
        slot,
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new InputError('E_TOO_LARGE', `reading the file took more than ${WORKER_HEAP_MB} MiB of memory`)
          : new InputError('E_EXTRACT_CRASH', `the extractor crashed: ${err.message}`),
      ),
    );
    slot.worker.on('exit', (code) => {
      if (slot.job) this.fail(slot, new InputError('E_EXTRACT_CRASH', `the extractor stopped (exit ${code})`));
    });
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => {
        this.fail(slot, new InputError('E_TIMEOUT', `extraction took longer than ${Math.round(this.timeoutMs / 1000)} s`));
      }, this.timeoutMs);
      const data = job.task.data;
      // Transfer the file bytes instead of copying them; the main thread no longer needs them.
      slot.worker.postMessage({ id: job.id, task: job.task }, [data.buffer as ArrayBuffer]);
    }
  }

  private finish(slot: Slot, reply: Reply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    clearTimeout(slot.timer);
    this.peakWorkerBytes = Math.max(this.peakWorkerBytes, reply.memory ?? 0);
    slot.job = undefined;
    if (reply.ok) job.resolve(reply.doc);
    else job.reject(new InputError(reply.error.code, reply.error.message, job.task.file));
    this.dispatch();
  }

  /** Fails the slot's document and replaces its worker, which may be wedged or dead. */
  private fail(slot: Slot, err: InputError): void {
    const job = slot.job;
    clearTimeout(slot.timer);
    slot.job = undefined;
    const index = this.slots.indexOf(slot);
    if (index !== -1 && !this.closed) {
      slot.worker.removeAllListeners();
      void slot.worker.terminate();
      this.slots[index] = this.spawn();
    }
    job?.reject(new InputError(err.code, err.message, job.task.file));
    this.dispatch();
  }
}
