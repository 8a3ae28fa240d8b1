// Screening benchmark: the cost of prioritising records as a review grows. For each size it
// measures building the features, the first ranking after a reviewer's decisions (what
// `screen next` does in a fresh process), and a retraining plus re-ranking after one more
// decision (what `screen review` and `screen simulate` do after every decision). The baseline,
// measured in the same run, is one pass that lower-cases and splits every record into words: the
// least any text model must do. Records are Kitchenham 2010's (from ../shared when present) and,
// for the larger sizes, new records made of its sentences (or the demo corpus's) drawn at random.
import fs from 'node:fs';
import path from 'node:path';
import { runProjectScale } from './screen-scale-project.js';

const SIZES = [5000, 20000];
const DECISIONS = 300;

function median(fn, runs) {
  const samples = Array.from({ length: runs }, () => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  }).sort((a, b) => a - b);
  return samples[Math.floor(runs / 2)];
}

/** Kitchenham's records when ../shared is there; otherwise none, and the demo corpus's sentences. */
async function sources(root) {
  const file = path.resolve(root, '..', 'shared', 'review', 'Kitchenham_2010.csv');
  if (fs.existsSync(file)) {
    const { parse } = await import('csv-parse/sync');
    const records = parse(fs.readFileSync(file, 'utf8'), { columns: true }).map((r) => `${r.title ?? ''}. ${(r.abstract ?? '').replace(/<[^>]+>/g, ' ')}`);
    return { records, text: records.join(' ') };
  }
  const dir = path.join(root, 'scripts', 'corpus-src');
  return { records: [], text: fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join(' ') };
}

export async function run(args, root) {
  const { features, RelevanceModel, seeded } = await import(path.join(root, 'dist/core/review/prioritise.js'));
  const { records, text } = await sources(root);
  if (args.includes('--project-only')) return runProjectScale(root, { sentences: text.split(/(?<=\.)\s+/).filter((s) => s.length > 20), titleWords: titleWords(records, text) });
  const sentences = text.split(/(?<=\.)\s+/).filter((s) => s.length > 20);
  const rand = seeded(11);
  const TOKEN = /[\p{L}\p{M}\p{N}_]+/gu;
  console.log(`screening: ${records.length ? `Kitchenham 2010's ${records.length} records, then records` : 'records'} of ${sentences.length} sentences drawn at random; ${DECISIONS} decisions (1 in 20 an include); medians\n`);
  console.log('records  words/rec  tokenise  features   ratio  first rank   ratio  per decision   ratio  features MB');
  for (const size of records.length ? [records.length, ...SIZES] : SIZES) {
    const texts = size === records.length ? records : Array.from({ length: size }, () => Array.from({ length: 8 }, () => sentences[Math.floor(rand() * sentences.length)]).join(' '));
    let words = 0;
    const tokenise = median(() => {
      words = 0;
      for (const t of texts) for (const _ of t.toLowerCase().matchAll(TOKEN)) words++;
    }, 3);
    let set;
    const featureMs = median(() => (set = features(texts)), 3);
    // What the features keep: each record's term indexes and weights, and the model's weights.
    const megabytes = (set.vectors.reduce((a, v) => a + v.idx.byteLength + v.val.byteLength, 0) + 8 * set.dimensions) / 2 ** 20;
    const decisions = new Map(Array.from({ length: DECISIONS }, (_, i) => [i * Math.floor(size / DECISIONS), i % 20 === 0]));
    const rank = (model) => {
      let best = -Infinity;
      for (let i = 0; i < size; i++) if (!decisions.has(i)) best = Math.max(best, model.score(i));
      return best;
    };
    const first = median(() => {
      const model = new RelevanceModel(set.vectors, set.dimensions);
      model.train(decisions);
      rank(model);
    }, 5);
    // One model that keeps learning, as in a screening session: each sample adds a decision.
    const model = new RelevanceModel(set.vectors, set.dimensions);
    model.train(decisions);
    let next = 1;
    const perDecision = median(() => {
      while (decisions.has(next)) next++;
      decisions.set(next, false);
      model.train(decisions);
      rank(model);
    }, 21);
    const row = [
      String(size).padStart(7),
      (words / size).toFixed(0).padStart(11),
      `${tokenise.toFixed(0)} ms`.padStart(10),
      `${featureMs.toFixed(0)} ms`.padStart(10),
      `${(featureMs / tokenise).toFixed(1)}x`.padStart(8),
      `${first.toFixed(0)} ms`.padStart(12),
      `${(first / tokenise).toFixed(2)}x`.padStart(8),
      `${perDecision.toFixed(1)} ms`.padStart(14),
      `${(perDecision / tokenise).toFixed(2)}x`.padStart(8),
      megabytes.toFixed(0).padStart(13),
    ];
    console.log(row.join(''));
  }
  await runProjectScale(root, { sentences, titleWords: titleWords(records, text) });
}

/** Words of the records' titles (their first sentence), for made-up titles. */
function titleWords(records, text) {
  const titles = records.length ? records.map((r) => r.split('. ')[0]) : text.split(/(?<=\.)\s+/).slice(0, 2000);
  return titles.flatMap((t) => t.split(/\s+/)).filter((w) => w.length > 2);
}
