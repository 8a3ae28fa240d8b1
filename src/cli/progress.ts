import { createRequire } from 'node:module';
import type { MultiBar, SingleBar } from 'cli-progress';
import { stripControls } from '../core/render/escape.js';
import type { FileEvent, IngestSummary } from '../core/ingest/index.js';

/** Shows the cursor (DECTCEM) and turns line wrapping back on (DECAWM), as cli-progress's stop does. */
function restoreTerminal(): void {
  process.stderr.write('\x1b[?25h\x1b[?7h');
}

/** Whole pages per second, or one decimal below 10 (OCR reads well under one page a second). */
const rate = (pagesPerSecond: number) => (pagesPerSecond < 10 ? pagesPerSecond.toFixed(1) : String(Math.round(pagesPerSecond)));

/**
 * What `ingest` shows while it runs: on a terminal, a bar (files done / total, pages/s, ETA) with
 * failures printed above it; elsewhere, failure lines as they happen. Failures always go to stderr
 * as `litkit: <path>: <cause> (E_CODE)`; the summary goes to stdout unless --json.
 */
export class IngestProgress {
  private multi?: MultiBar;
  private bar?: SingleBar;
  private readonly started = performance.now();
  private stopped = false;

  constructor(private readonly json: boolean) {}

  update(event: FileEvent, p: { done: number; total: number; pages: number }): void {
    if (event.outcome === 'failed') this.print(`litkit: ${event.path}: ${event.message} (${event.code})`);
    if (this.stopped) return;
    if (!this.json && process.stderr.isTTY && !this.bar) this.start(p.total);
    const seconds = (performance.now() - this.started) / 1000;
    this.bar?.update(p.done, { pages: p.pages, rate: seconds > 0 ? Math.round(p.pages / seconds) : 0 });
  }

  /** A line on stderr above the bar (a stop requested by a signal). */
  note(text: string): void {
    this.print(text);
  }

  finish(s: IngestSummary): void {
    this.stop();
    if (this.json) return;
    const parts = [`${s.stored} stored`, `${s.noText} without text`, `${s.skipped} skipped (already in the project)`, `${s.failed} failed`];
    if (s.interrupted) parts.push(`${s.notProcessed} not processed (stopped; run the same ingest again to add them)`);
    process.stdout.write(
      `${s.interrupted ? 'Stopped before the end; of' : 'Ingested'} ${s.files} file${s.files === 1 ? '' : 's'}: ${parts.join(', ')}; ` +
        `${s.pages} pages${s.ocrPages ? ` (${s.ocrPages} read by OCR)` : ''}, ${s.segments} segments in ${s.seconds.toFixed(1)} s (${rate(s.pagesPerSecond)} pages/s)\n`,
    );
    for (const f of s.noTextFiles) process.stdout.write(stripControls(`  no text: ${f.path}: ${f.reason}\n`));
    if (s.noTextFiles.some((f) => f.reason.includes('--ocr'))) {
      process.stdout.write('To recognise the text of scans and images: litkit ingest --ocr FILE... (documents already stored without text are read again, not skipped)\n');
    }
    for (const f of s.surveyFiles) process.stdout.write(stripControls(`  left out: ${f}: a spreadsheet; ingest survey exports with --survey\n`));
  }

  /** Removes the bar and gives the terminal back its cursor and line wrapping; safe to call twice. */
  stop(): void {
    this.stopped = true;
    this.multi?.stop();
    this.multi = undefined;
    process.off('exit', restoreTerminal);
  }

  private start(total: number): void {
    // cli-progress is CommonJS and only needed on a terminal.
    const progress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
    this.multi = new progress.MultiBar(
      {
        format: '{bar} {value}/{total} files | {pages} pages | {rate} pages/s | ETA {eta_formatted}',
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
      },
      progress.Presets.shades_classic,
    );
    this.bar = this.multi.create(total, 0, { pages: 0, rate: 0 });
    // The bar hides the cursor and turns line wrapping off; whatever ends the process, both come back.
    process.on('exit', restoreTerminal);
  }

  private print(text: string): void {
    const line = stripControls(text);
    if (this.multi) {
      this.multi.log(`${line}\n`);
      this.multi.update(); // prints the log now, not at a next redraw that may never come
    }
    else process.stderr.write(`${line}\n`);
  }
}
