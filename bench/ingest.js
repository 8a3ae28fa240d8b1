// Ingest benchmark: sequential pdftotext (the baseline, when installed), each PDF engine alone on
// one thread, and litkit's full ingest (extract in workers, normalise, segment, index, commit)
// into a fresh project, over the same PDFs in the same run. Also the cold start of `litkit --help`.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const words = (s) => s.normalize('NFKC').toLowerCase().match(/\p{L}{3,}/gu) ?? [];

/** Word-level F1 of two texts (bag of words): 1 when they hold the same words. */
function wordF1(reference, candidate) {
  const count = (ws) => ws.reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map());
  const a = count(words(reference));
  const b = count(words(candidate));
  let common = 0;
  let na = 0;
  let nb = 0;
  for (const n of a.values()) na += n;
  for (const [w, n] of b) {
    nb += n;
    common += Math.min(n, a.get(w) ?? 0);
  }
  return na + nb === 0 ? 1 : (2 * common) / (na + nb);
}

function hasPdftotext() {
  return spawnSync('pdftotext', ['-v']).error === undefined;
}

function timePdftotext(files) {
  const texts = new Map();
  const t0 = performance.now();
  for (const f of files) texts.set(f, execFileSync('pdftotext', ['-q', f, '-'], { maxBuffer: 1 << 28 }).toString());
  return { seconds: (performance.now() - t0) / 1000, texts };
}

async function timeEngine(root, engine, files) {
  const { pdfExtractor } = await import(path.join(root, 'dist/core/ingest/extractors/pdf.js'));
  const extractor = pdfExtractor(engine);
  const texts = new Map();
  let pages = 0;
  await extractor.extract(fs.readFileSync(files[0]), files[0]); // warm-up: WebAssembly / pdf.js load
  const t0 = performance.now();
  for (const f of files) {
    try {
      const raw = await extractor.extract(fs.readFileSync(f), f);
      pages += raw.pages.length;
      texts.set(f, raw.pages.join('\n'));
    } catch {
      texts.set(f, '');
    }
  }
  return { seconds: (performance.now() - t0) / 1000, pages, texts };
}

/** Full ingest into a fresh project; with `code`, also auto-codes it with the bundled framework. */
function fullIngest(root, dir, code = false) {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'litkit-bench-'));
  const bin = path.join(root, 'bin', 'run.js');
  const cli = (...args) => spawnSync(process.execPath, [bin, ...args, '--project', project], { encoding: 'utf8', maxBuffer: 1 << 26 });
  try {
    spawnSync(process.execPath, [bin, 'init', project], { encoding: 'utf8' });
    const t0 = performance.now();
    const summary = JSON.parse(cli('ingest', dir, '--json').stdout);
    const wall = (performance.now() - t0) / 1000;
    if (!code) return { wall, summary };
    cli('framework', 'load', 'race-equality');
    const t1 = performance.now();
    const coding = JSON.parse(cli('code', 'auto', '--json').stdout);
    return { wall, summary, coding, codingWall: (performance.now() - t1) / 1000 };
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
}

function coldStart(root, runs = 15) {
  const time = (args) =>
    median(
      Array.from({ length: runs }, () => {
        const t0 = performance.now();
        spawnSync(process.execPath, args, { stdio: 'ignore' });
        return (performance.now() - t0) * 1000;
      }),
    ) / 1000;
  time(['-e', '0']); // warm the file cache
  return { node: time(['-e', '0']), help: time([path.join(root, 'bin', 'run.js'), '--help']) };
}

const fmt = (n, d = 0) => n.toFixed(d).padStart(8);

export async function run(args, root) {
  const dir = path.resolve(args[0] ?? path.join(root, '..', 'shared', 'corpus', 'pdf'));
  if (!fs.existsSync(dir)) {
    console.error(`bench ingest: no folder ${dir}; pass a folder of PDFs`);
    process.exit(2);
  }
  const files = fs.readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.pdf')).sort().map((f) => path.join(dir, f));
  console.log(`ingest benchmark: ${files.length} PDFs in ${dir}; ${os.availableParallelism()} CPUs, Node ${process.version}\n`);

  const baseline = hasPdftotext() ? timePdftotext(files) : undefined;
  const engines = {};
  for (const e of ['pdfium', 'pdf-parse']) engines[e] = await timeEngine(root, e, files);
  const pages = engines.pdfium.pages;
  const ingests = [fullIngest(root, dir, true), fullIngest(root, dir), fullIngest(root, dir)];
  const best = ingests.map((i) => i.wall).sort((a, b) => a - b)[1]; // the median of three
  const summary = ingests[0].summary;

  const rows = [];
  if (baseline) rows.push(['pdftotext, sequential (baseline)', pages / baseline.seconds, 1, 1]);
  for (const [name, e] of Object.entries(engines)) {
    const f1 = baseline ? median(files.filter((f) => baseline.texts.get(f).trim()).map((f) => wordF1(baseline.texts.get(f), e.texts.get(f)))) : NaN;
    rows.push([`${name} engine alone, 1 thread`, e.pages / e.seconds, baseline ? e.pages / e.seconds / (pages / baseline.seconds) : NaN, f1]);
  }
  const fullRate = summary.pages / best;
  rows.push([`litkit ingest (full, ${os.availableParallelism()} workers + writer)`, fullRate, baseline ? fullRate / (pages / baseline.seconds) : NaN, NaN]);

  console.log(`${'what'.padEnd(48)}${'pages/s'.padStart(8)}${'× pdftotext'.padStart(13)}${'word F1'.padStart(10)}`);
  for (const [what, rate, ratio, f1] of rows) {
    console.log(`${what.padEnd(48)}${fmt(rate)}${Number.isNaN(ratio) ? '           -' : fmt(ratio, 2).padStart(13)}${Number.isNaN(f1) ? '         -' : fmt(f1, 3).padStart(10)}`);
  }
  console.log(`\nfull ingest: ${summary.pages} pages, ${summary.segments} segments, ${summary.stored} stored, ${summary.noText} without text, ${summary.failed} failed;`);
  console.log(`  wall time incl. process start, median of 3: ${best.toFixed(2)} s (runs: ${ingests.map((i) => i.wall.toFixed(2)).join(', ')} s)`);
  if (!baseline) console.log('  pdftotext is not installed (Debian: poppler-utils), so there is no baseline ratio and no word F1.');
  console.log('  word F1: median over files of the bag-of-words agreement with pdftotext\'s text (1 = same words).');

  const { coding, codingWall } = ingests[0];
  console.log(`\nauto-coding (race-equality): ${coding.segments} segments, ${coding.codings} codings (${((1000 * coding.codings) / coding.segments).toFixed(2)} per 1,000 segments)`);
  console.log(`  ${coding.seconds.toFixed(2)} s in the command (${Math.round(coding.segmentsPerSecond)} segments/s), ${codingWall.toFixed(2)} s wall;`);
  console.log(`  ${(100 * coding.seconds / summary.seconds).toFixed(0)}% of the ingest's own time (${summary.seconds.toFixed(2)} s), ${(100 * codingWall / best).toFixed(0)}% of its wall time`);

  const start = coldStart(root);
  console.log(`\ncold start: litkit --help ${start.help.toFixed(0)} ms, bare node ${start.node.toFixed(0)} ms (ratio ${(start.help / start.node).toFixed(2)}), median of 15`);
}
