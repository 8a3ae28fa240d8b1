// OCR benchmark: pages per second per core at 300 dpi on a real scanned paper, and word accuracy
// against a hand-checked transcription of its first page (bench/data/lisp-ii-gc-page1.txt, typed
// from the rendered page). In the same run, as baselines: tesseract's own text output for the
// same page (litkit rebuilds the text from tesseract's lines, dropping margin specks), and the
// page rendered at 200 and 150 dpi. Run on one document thread; the rate per core is pages over
// the CPU seconds the process spent (all threads, tesseract's included), so a busy machine's
// other work does not count against it; the wall-clock rate is printed beside it.
//
//   npm run bench -- ocr [PDF] [--reference FILE] [--lang eng] [--rounds 2]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function options(args, root) {
  const flag = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
  return {
    pdf: positional[0] ?? path.resolve(root, '..', 'shared', 'corpus', 'pdf', 'garbage_collection_the_lisp_ii_garbage_collector.pdf'),
    reference: flag('reference', path.join(root, 'bench', 'data', 'lisp-ii-gc-page1.txt')),
    languages: flag('lang', 'eng').split('+'),
    rounds: Number(flag('rounds', '2')),
  };
}

async function renderAll(render, data, file, pages, dpi) {
  const out = [];
  for await (const r of render(data, file, pages, dpi)) out.push(r);
  return out;
}

export async function run(args, root) {
  const o = options(args, root);
  if (!fs.existsSync(o.pdf)) {
    console.log(`bench ocr: ${o.pdf} is absent (it is in ../shared/corpus/pdf); nothing measured`);
    return;
  }
  const dist = (p) => import(path.join(root, 'dist', 'core', 'ingest', p));
  const { recognizerFor, closeRecognizers, renderPages, wordAccuracy, OCR_DPI } = await dist('ocr/index.js');
  const { languageFolder } = await dist('ocr/languages.js');
  const data = new Uint8Array(fs.readFileSync(o.pdf));
  const reference = fs.readFileSync(o.reference, 'utf8');
  const { PDFiumLibrary } = await import('@hyzyla/pdfium');
  const lib = await PDFiumLibrary.init();
  const doc = await lib.loadDocument(data);
  const pageCount = doc.getPageCount();
  doc.destroy();
  const pages = Array.from({ length: pageCount }, (_, i) => i + 1);

  console.log(`OCR bench: ${path.basename(o.pdf)}, ${pageCount} pages, languages ${o.languages.join('+')}, ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`);
  const recognizer = recognizerFor(o.languages);
  let t0 = performance.now();
  await recognizer.recognize((await renderAll(renderPages, data, o.pdf, [1], 72))[0].image, 72);
  console.log(`  engine start (language data loaded, first small page): ${((performance.now() - t0) / 1000).toFixed(2)} s, once per worker thread`);

  // litkit's path: render at 300 dpi, recognise, rebuild the text; every page, `rounds` times.
  const times = [];
  const cpu = [];
  let page1 = '';
  const confidences = [];
  for (let r = 0; r < o.rounds; r++) {
    t0 = performance.now();
    const c0 = process.cpuUsage();
    for await (const { page, image } of renderPages(data, o.pdf, pages, OCR_DPI)) {
      const out = await recognizer.recognize(image, OCR_DPI);
      if (page === 1) page1 = out.text;
      if (r === 0) confidences.push(out.confidence);
    }
    times.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  const seconds = median(cpu);
  const acc = wordAccuracy(reference, page1);
  console.log(`  litkit at ${OCR_DPI} dpi: ${(pageCount / seconds).toFixed(2)} pages/s per core (${(seconds / pageCount).toFixed(2)} CPU s a page, render included; median of ${o.rounds}); target >= 1`);
  console.log(`    wall clock on this machine now: ${(pageCount / median(times)).toFixed(2)} pages/s`);
  console.log(`  word accuracy, page 1: ${(acc.accuracy * 100).toFixed(1)}% (${acc.errors} errors in ${acc.words} words); target >= 95%; mean confidence ${confidences.map((c) => c.toFixed(0)).join(', ')}`);

  // Baseline 1: tesseract's own text output of the same 300 dpi page.
  const { default: tesseract } = await import('tesseract.js');
  const { langPath, gzip } = languageFolder(o.languages);
  const worker = await tesseract.createWorker(o.languages, tesseract.OEM.LSTM_ONLY, { langPath, gzip, cacheMethod: 'none' }, { debug_file: '/dev/null' });
  fs.rmSync(langPath, { recursive: true, force: true });
  const [p1] = await renderAll(renderPages, data, o.pdf, [1], OCR_DPI);
  await worker.setParameters({ user_defined_dpi: String(OCR_DPI) });
  const c0 = process.cpuUsage();
  const plain = await worker.recognize(Buffer.from(p1.image), {}, { text: true });
  const c1 = process.cpuUsage(c0);
  const plainSeconds = (c1.user + c1.system) / 1e6;
  const plainAcc = wordAccuracy(reference, plain.data.text);
  console.log(`  baseline, tesseract's text output: ${(plainAcc.accuracy * 100).toFixed(1)}% (${plainAcc.errors} errors), ${plainSeconds.toFixed(2)} CPU s for page 1 without render`);
  await worker.terminate();

  // Baseline 2: lower resolutions, page 1.
  for (const dpi of [200, 150]) {
    const c0 = process.cpuUsage();
    const [img] = await renderAll(renderPages, data, o.pdf, [1], dpi);
    const out = await recognizer.recognize(img.image, dpi);
    const c = process.cpuUsage(c0);
    const s = (c.user + c.system) / 1e6;
    const a = wordAccuracy(reference, out.text);
    console.log(`  at ${dpi} dpi: ${(1 / s).toFixed(2)} pages/s per core (page 1), word accuracy ${(a.accuracy * 100).toFixed(1)}% (${a.errors} errors); speed ${((1 / s) / (pageCount / seconds)).toFixed(2)}x of 300 dpi`);
  }
  await closeRecognizers();
}
