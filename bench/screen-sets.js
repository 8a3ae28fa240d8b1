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
  await fullText(sets, root, parse);
  return summary;
}

/**
 * Full-text screening on the sets that have both labels (title-abstract and final): among the
 * title-abstract includes, the order of a model retrained on full-text decisions (screen next
 * --stage full-text) against the fixed order of the title-abstract model trained on every
 * title-abstract decision (its fallback), as WSS@95 within those records.
 */
async function fullText(sets, root, parse) {
  const { simulate, recordText, features, rank } = await import(path.join(root, 'dist/core/review/index.js'));
  console.log('\nfull-text screening of the title-abstract includes: WSS@95 within them, seeds 1-3');
  console.log(`${'set'.padEnd(26)}${'records'.padStart(8)}${'incl'.padStart(6)}${'full-text model'.padStart(17)}${'title-abstract order'.padStart(22)}`);
  for (const set of sets) {
    const rows = parse(fs.readFileSync(set.file, 'utf8'), { columns: true, skip_empty_lines: true });
    if (!rows.length || !('label_abstract_screening' in rows[0])) continue;
    const texts = rows.map((r) => recordText(r.title ?? '', r.abstract, r.keywords));
    const ta = rows.map((r) => r.label_abstract_screening === '1');
    const subset = rows.map((_, i) => i).filter((i) => ta[i]);
    const final = subset.map((i) => rows[i].label_included === '1');
    if (final.every(Boolean)) {
      console.log(`${set.name.padEnd(26)}${String(subset.length).padStart(8)}${String(final.length).padStart(6)}   every title-abstract include is a final include: nothing to rank`);
      continue;
    }
    const model = mean(SEEDS.map((seed) => simulate(subset.map((i) => texts[i]), final, { seed }).wss95));
    const f = features(texts);
    const order = rank(f.vectors, f.dimensions, new Map(ta.map((l, i) => [i, l])), subset);
    const relevant = final.filter(Boolean).length;
    const found = [];
    order.forEach((i, k) => rows[i].label_included === '1' && found.push(k + 1));
    const wss = (subset.length - found[Math.ceil(0.95 * relevant) - 1]) / subset.length - 0.05;
    console.log(`${set.name.padEnd(26)}${String(subset.length).padStart(8)}${String(relevant).padStart(6)}${model.toFixed(3).padStart(17)}${wss.toFixed(3).padStart(22)}`);
  }
}
