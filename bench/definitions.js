// Definitions benchmark: recall and precision of the definitions finder on the labelled passages
// of test/data/definitions-gold.jsonl (real glossaries and reports), against the finder as it
// was before issue 12 measured in the same run; per split, per sense of defining and per
// reported pattern; then passages per second of both.
import path from 'node:path';
import { definitionBefore } from './definitions-before.js';
import { loadGold, score } from './definitions-score.js';

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const pad = (s, n) => String(s).padEnd(n);

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => pad(c, widths[i])).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function throughput(passages, find, rounds) {
  const started = performance.now();
  let n = 0;
  for (let i = 0; i < rounds; i++) {
    for (const p of passages) for (const term of [...Object.keys(p.defines), ...p.not]) (find(p.text, term), n++);
  }
  return n / ((performance.now() - started) / 1000);
}

export async function run(args, root) {
  const { definitionInText } = await import(path.join(root, 'dist/core/query/definition-patterns.js'));
  const gold = loadGold(path.join(root, 'test/data/definitions-gold.jsonl'));
  const before = score(gold, definitionBefore);
  const after = score(gold, definitionInText);
  const pairs = gold.reduce((n, p) => n + Object.keys(p.defines).length + p.not.length, 0);
  console.log(`definitions: ${gold.length} passages, ${pairs} (passage, term) cases from ${new Set(gold.map((p) => p.url)).size} public pages\n`);

  const splits = Object.keys(after.bySplit);
  console.log(table(['split', 'cases', 'recall before', 'recall after', 'precision before', 'precision after'], [
    ...splits.map((s) => {
      const a = after.bySplit[s];
      const b = before.bySplit[s];
      return [s, a.tp + a.fn + a.fp + a.tn, pct(b.recall), pct(a.recall), pct(b.precision), pct(a.precision)];
    }),
    ['all', pairs, pct(before.overall.recall), pct(after.overall.recall), pct(before.overall.precision), pct(after.overall.precision)],
  ]));
  console.log('\nRecall by sense of defining (the gold label):');
  console.log(table(['sense', 'definitions', 'found before', 'found after'], Object.entries(after.byFamily)
    .sort((x, y) => y[1].n - x[1].n)
    .map(([f, a]) => [f, a.n, before.byFamily[f]?.found ?? 0, a.found])));
  console.log('\nPrecision by reported pattern (after):');
  console.log(table(['pattern', 'right', 'false', 'precision'], Object.entries(after.byPattern)
    .sort((x, y) => y[1].tp - x[1].tp)
    .map(([p, a]) => [p, a.tp, a.fp, pct(a.precision)])));
  if (after.misses.length) console.log(`\nMissed: ${after.misses.map((m) => `${m.id} ${m.term} (${m.family})`).join('; ')}`);
  if (after.falses.length) console.log(`False: ${after.falses.map((f) => `${f.id} ${f.term} (${f.pattern})`).join('; ')}`);

  const rounds = Number(args[0] ?? 5);
  const fast = throughput(gold, definitionBefore, rounds);
  const now = throughput(gold, definitionInText, rounds);
  console.log(`\nSpeed (a finder built for every case, ${rounds} rounds): before ${fast.toFixed(0)} cases/s, after ${now.toFixed(0)} cases/s (${(now / fast).toFixed(2)}×)`);
}
