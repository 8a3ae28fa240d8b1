// Screening quality over every labelled set in ../shared/review (Kitchenham 2010 and the five
// drug-class reviews of Cohen et al. 2006): `screen simulate` on each over three seeds, with
// WSS@95, recall at 10% screened, records screened for 95% recall and where the stopping rule
// (recall >= 95% with 95% confidence) stops, against random order from the same seeds in the same
// run. A model change is kept only if it helps across the sets, never on one.
import fs from 'node:fs';
import path from 'node:path';

const SEEDS = [1, 2, 3];

/** The labelled sets: title, abstract (and keywords where the set has them) with a 0/1 label. */
export function labelledSets(root) {
  const dir = path.resolve(root, '..', 'shared', 'review');
  if (!fs.existsSync(dir)) return [];
  const files = [path.join(dir, 'Kitchenham_2010.csv'), ...fs.readdirSync(path.join(dir, 'screening')).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(dir, 'screening', f))];
  return files.map((file) => ({ name: path.basename(file, '.csv'), file }));
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const mean = (xs) => xs.reduce((a, x) => a + x, 0) / xs.length;

export async function run(args, root) {
  const { parse } = await import('csv-parse/sync');
  const { simulate, recordText } = await import(path.join(root, 'dist/core/review/index.js'));
  const sets = labelledSets(root);
  if (!sets.length) {
    console.log('screen: no labelled sets in ../shared/review; nothing to measure');
    return;
  }
  console.log(`screening quality: ${sets.length} labelled sets, seeds ${SEEDS.join(', ')}, 1 include and 1 exclude as priors; means over seeds (min-max)\n`);
  const header = ['set', 'records', 'incl', 'WSS@95', 'random', 'recall@10%', 'for 95%', 'rule stops', 'rule recall', 's/run'];
  const widths = [26, 8, 6, 21, 8, 12, 9, 12, 12, 7];
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('');
  console.log(line(header));
  const summary = [];
  for (const set of sets) {
    const rows = parse(fs.readFileSync(set.file, 'utf8'), { columns: true, skip_empty_lines: true });
    const texts = rows.map((r) => recordText(r.title ?? '', r.abstract, r.keywords));
    const labels = rows.map((r) => r.label_included === '1');
    const t0 = performance.now();
    const results = SEEDS.map((seed) => simulate(texts, labels, { seed }));
    const seconds = (performance.now() - t0) / 1000 / SEEDS.length;
    const wss = results.map((r) => r.wss95);
    const s = {
      name: set.name,
      wss: mean(wss),
      recall10: mean(results.map((r) => r.recallAt[0].recall)),
      ruleScreened: mean(results.map((r) => (r.stoppingRule.screened ?? r.records) / r.records)),
      ruleRecall: mean(results.map((r) => r.stoppingRule.recall)),
      ruleMet: results.filter((r) => r.stoppingRule.recall >= 0.95).length,
    };
    summary.push(s);
    console.log(
      line([
        set.name,
        rows.length,
        labels.filter(Boolean).length,
        `${s.wss.toFixed(3)} (${Math.min(...wss).toFixed(2)}-${Math.max(...wss).toFixed(2)})`,
        mean(results.map((r) => r.random.wss95)).toFixed(3),
        pct(s.recall10),
        Math.round(mean(results.map((r) => r.screenedFor95))),
        pct(s.ruleScreened),
        pct(s.ruleRecall),
        seconds.toFixed(1),
      ]),
    );
  }
  console.log(line(['mean', '', '', mean(summary.map((s) => s.wss)).toFixed(3), '', pct(mean(summary.map((s) => s.recall10))), '', pct(mean(summary.map((s) => s.ruleScreened))), pct(mean(summary.map((s) => s.ruleRecall))), '']));
  console.log(`\nThe stopping rule reached 95% recall in ${summary.reduce((a, s) => a + s.ruleMet, 0)} of ${summary.length * SEEDS.length} runs.`);
  return summary;
}
