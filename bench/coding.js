// Coding-quality benchmark: auto-codes the hand-labelled passages of ../shared/coding-gold (one
// document per passage, through the real ingest and `code auto`) and prints per-code precision,
// recall and F1, micro and macro averages, the false positives and misses of the worst codes, and
// the speed of auto-coding against one tokenising pass over the same text in the same run.
//   npm run bench -- coding [--gold FILE] [--framework ID] [--show N] [--json] [--no-learning] [--seeds N]
import fs from 'node:fs';
import path from 'node:path';
import { goldFile, goldProject, predictedCodes, readGold, score } from './coding-gold.js';

const pct = (x) => x.toFixed(2);
const short = (s, n = 150) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\s+/g, ' ');

function option(args, name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
}

export async function run(args, root) {
  const file = goldFile(args, root);
  if (!fs.existsSync(file)) {
    console.log(`coding: no gold set at ${file} (../shared is absent); nothing to measure`);
    return;
  }
  const passages = readGold(file);
  const framework = option(args, '--framework', 'race-equality');
  const project = await goldProject(root, passages, framework);
  try {
    const { autocode } = await import(path.join(root, 'dist', 'core', 'coding', 'index.js'));
    const report = autocode(project.db, { framework });
    const byDoc = predictedCodes(project.db);
    const predictions = project.docIds.map((id) => byDoc.get(id) ?? new Set());
    const result = score(passages, predictions);
    if (args.includes('--json')) {
      console.log(JSON.stringify({ file, framework, micro: result.micro, macroF1: result.macroF1, perCode: result.perCode.map(({ falsePositives, misses, ...r }) => r) }, null, 2));
      return;
    }
    printTable(file, passages, result);
    printErrors(result, project, Number(option(args, '--show', 6)));
    await printSpeed(root, project, framework, report);
  } finally {
    project.close();
  }
  if (!args.includes('--no-learning')) {
    // The learning curve: F1 after 0, 10, 25 and 50 review decisions (bench/coding-learning.js).
    console.log('');
    await (await import('./coding-learning.js')).run(args.includes('--seeds') ? args : [...args, '--seeds', '3'], root);
  }
}

function printTable(file, passages, { perCode, micro, macroF1 }) {
  console.log(`coding: ${passages.length} passages of ${path.relative(process.cwd(), file)}, one document each\n`);
  console.log('code                             gold   tp   fp   fn  precision  recall     F1');
  for (const r of perCode) {
    console.log(`${r.code.padEnd(32)} ${String(r.support).padStart(4)} ${String(r.tp).padStart(4)} ${String(r.fp).padStart(4)} ${String(r.fn).padStart(4)}  ${pct(r.precision).padStart(9)}  ${pct(r.recall).padStart(6)}  ${pct(r.f1).padStart(5)}`);
  }
  console.log(`\nmicro precision ${pct(micro.precision)}, recall ${pct(micro.recall)}, F1 ${pct(micro.f1)}; macro F1 ${pct(macroF1)}`);
  const weak = perCode.filter((r) => r.support >= 4 && r.f1 < 0.6).map((r) => `${r.code} ${pct(r.f1)}`);
  console.log(weak.length ? `codes with >= 4 gold passages below F1 0.60: ${weak.join(', ')}` : 'no code with >= 4 gold passages is below F1 0.60');
}

/** The false positives and misses of the codes with the most errors, with the evidence that fired. */
function printErrors({ perCode }, project, n) {
  if (n <= 0) return;
  const evidence = project.db.sql.prepare("SELECT evidence FROM codings WHERE coder = 'auto' AND document_id = ? AND (code_id = ? OR code_id LIKE ? || '.%')");
  const docOf = new Map(project.docIds.map((id, i) => [i, id]));
  const worst = [...perCode].sort((a, b) => b.fp + b.fn - (a.fp + a.fn)).slice(0, n);
  for (const r of worst) {
    if (!r.fp && !r.fn) continue;
    console.log(`\n${r.code}: ${r.fp} false positive(s), ${r.fn} miss(es)`);
    for (const p of r.falsePositives) {
      const ev = evidence.all(docOf.get(p.index), r.code === 'race' ? 'racism' : r.code, r.code).map((e) => JSON.parse(e.evidence).hits.map((h) => `${h.rule}="${h.text}"`).join(', '));
      console.log(`  FP ${p.id}: ${short(p.text)}\n       fired: ${ev.join('; ') || '(a sub-code)'}`);
    }
    for (const p of r.misses) console.log(`  MISS ${p.id}: ${short(p.text)}`);
  }
}


/** Auto-coding speed over the project's segments, against one tokenising pass in the same run. */
async function printSpeed(root, project, framework, report) {
  const { Matcher } = await import(path.join(root, 'dist', 'core', 'coding', 'index.js'));
  const { frameworkCodes } = await import(path.join(root, 'dist', 'core', 'coding', 'framework', 'index.js'));
  const texts = project.db.sql.prepare('SELECT text FROM segments').pluck().all();
  // Enough text for a stable timing: the segments repeated to about 20,000.
  const many = Array.from({ length: Math.ceil(20000 / texts.length) }, () => texts).flat();
  const matcher = new Matcher(frameworkCodes(project.db, framework));
  const time = (fn) => {
    const samples = [0, 1, 2].map(() => {
      const t0 = performance.now();
      fn();
      return performance.now() - t0;
    });
    return samples.sort((a, b) => a - b)[1];
  };
  const WORD = /[\p{L}\p{N}]+/gu;
  const tokenise = time(() => many.forEach((t) => [...t.toLowerCase().matchAll(WORD)]));
  const match = time(() => many.forEach((t) => matcher.match(t)));
  console.log(`\nspeed: matcher ${Math.round(many.length / (match / 1000))} segments/s on one core (${(match / tokenise).toFixed(1)}x one tokenising pass); code auto end to end ${Math.round(report.segmentsPerSecond)} segments/s`);
}
