// Ingest memory benchmark: peak memory of `ingest` as the corpus grows. The real PDFs of a folder
// (default ../shared/corpus/pdf) are replicated 1×, 2×, 4× … under other names, each copy with a
// PDF comment appended after %%EOF so that its SHA-256 differs and it is stored, not skipped. Each
// size is ingested into a fresh project by a child process that reports its peak RSS (the whole
// process: the main thread and the extraction worker threads share it), the main thread's peak
// heap, and each worker's peak heap plus WebAssembly/array-buffer memory. The goal is a flat line:
// peak RSS independent of corpus size (< 500 MB for 1 GB of PDFs).
//
//   npm run bench -- ingest-memory [multiples, default 1,2,4] [folder]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MB = 2 ** 20;

/** Child mode: ingest `dir` into `project` and print the memory it took, as JSON. */
async function child(root, dir, project) {
  const { ingest } = await import(path.join(root, 'dist/core/ingest/index.js'));
  const { Db, initProject } = await import(path.join(root, 'dist/core/store/index.js'));
  const db = Db.open(initProject(project).file);
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed + m.external);
    peakRss = Math.max(peakRss, m.rss);
  };
  const timer = setInterval(sample, 20);
  const workers = { peakBytes: 0 };
  const summary = await ingest(db, [dir], { onFile: sample, workerMemory: workers });
  clearInterval(timer);
  sample();
  db.close();
  const dbBytes = fs.statSync(path.join(project, 'litkit.sqlite')).size;
  console.log(JSON.stringify({
    files: summary.files, stored: summary.stored + summary.noText, failed: summary.failed, pages: summary.pages, seconds: summary.seconds,
    maxRss: process.resourceUsage().maxRSS * 1024, peakRss, peakHeap, peakWorker: workers.peakBytes, dbBytes,
  }));
}

/** A folder holding `times` copies of every PDF in `source`, each copy's bytes made unique. */
function replicate(source, times, into) {
  fs.mkdirSync(into, { recursive: true });
  let bytes = 0;
  const pdfs = fs.readdirSync(source).filter((f) => f.toLowerCase().endsWith('.pdf')).sort();
  for (let k = 1; k <= times; k++) {
    for (const f of pdfs) {
      const data = fs.readFileSync(path.join(source, f));
      // A comment line after %%EOF: readers ignore it, the hash changes.
      const copy = Buffer.concat([data, Buffer.from(`\n%litkit-bench copy ${k}\n`)]);
      fs.writeFileSync(path.join(into, `copy${k}-${f}`), copy);
      bytes += copy.length;
    }
  }
  return { files: pdfs.length * times, bytes };
}

export async function run(args, root) {
  const multiples = (args[0] ?? '1,2,4').split(',').map(Number).filter((n) => n > 0);
  const source = path.resolve(args[1] ?? path.join(root, '..', 'shared', 'corpus', 'pdf'));
  if (!fs.existsSync(source)) {
    console.error(`bench ingest-memory: no folder ${source}; pass a folder of PDFs`);
    process.exit(2);
  }
  const self = fileURLToPath(import.meta.url);
  console.log(`ingest memory benchmark: PDFs of ${source} replicated ${multiples.join('×, ')}×; ${os.availableParallelism()} CPUs, Node ${process.version}\n`);
  console.log(`${'copies'.padStart(6)}${'files'.padStart(7)}${'PDF MB'.padStart(8)}${'pages'.padStart(7)}${'s'.padStart(6)}${'peak RSS MB'.padStart(13)}${'main heap MB'.padStart(14)}${'worker MB'.padStart(11)}${'db MB'.padStart(8)}`);
  const rows = [];
  for (const times of multiples) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'litkit-bench-memory-'));
    try {
      const corpus = replicate(source, times, path.join(work, 'pdf'));
      const r = spawnSync(process.execPath, [self, '--child', root, path.join(work, 'pdf'), path.join(work, 'project')], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (r.status !== 0) throw new Error(`ingest failed (exit ${r.status}): ${r.stderr}`);
      const m = JSON.parse(r.stdout.trim().split('\n').pop());
      rows.push({ times, corpus, m });
      console.log(
        `${String(times).padStart(6)}${String(corpus.files).padStart(7)}${(corpus.bytes / MB).toFixed(0).padStart(8)}${String(m.pages).padStart(7)}${m.seconds.toFixed(0).padStart(6)}` +
          `${(m.maxRss / MB).toFixed(0).padStart(13)}${(m.peakHeap / MB).toFixed(0).padStart(14)}${(m.peakWorker / MB).toFixed(0).padStart(11)}${(m.dbBytes / MB).toFixed(0).padStart(8)}`,
      );
      if (m.failed) console.log(`  ${m.failed} files failed`);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
  if (rows.length > 1) {
    const [first, last] = [rows[0], rows.at(-1)];
    const growth = (last.m.maxRss - first.m.maxRss) / (last.corpus.bytes - first.corpus.bytes);
    console.log(`\npeak RSS ${(first.m.maxRss / MB).toFixed(0)} MB at ${(first.corpus.bytes / MB).toFixed(0)} MB of PDFs, ${(last.m.maxRss / MB).toFixed(0)} MB at ${(last.corpus.bytes / MB).toFixed(0)} MB: ` +
      `${growth.toFixed(2)} MB more per MB of PDFs (ratio ${(last.m.maxRss / first.m.maxRss).toFixed(2)} for ${(last.corpus.bytes / first.corpus.bytes).toFixed(0)}× the corpus)`);
  }
  console.log('  peak RSS: the process (main thread and worker threads); main heap: V8 heap + external of the main thread; worker: the largest heap + buffers one worker reported');
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5]);
