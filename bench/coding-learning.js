// Learning-curve benchmark: how far review decisions carry auto-coding on the hand-labelled
// passages of ../shared/coding-gold. After `code auto`, a simulated reviewer walks the auto
// codings lowest confidence first (as `code review` does) and decides each by the gold labels:
// reject a coding whose code counts for none of the passage's gold codes, accept the others;
// the first time a passage is reviewed, the reviewer also codes by hand the gold codes nothing
// on it counts for yet. Every accept, reject and hand-coded code is one decision. After 0, 10,
// 25 and 50 decisions litkit does what it would with them: `code auto` again (decisions
// re-applied, confidence learned from the decisions per code and rule, codings below
// --min-confidence held back) and `code suggest --accept` (with its precision bar); then micro
// P/R/F1 over all passages, counting every coding that is not rejected (auto, suggested, by hand).
// Ties in confidence are broken at random and the model is seeded: each seed is one order.
// The same with the codings reviewed in random order is printed as the baseline.
//   npm run bench -- coding-learning [--gold FILE] [--seeds N] [--min-confidence X] [--json]
import fs from 'node:fs';
import path from 'node:path';
import { counts, goldFile, goldProject, predictedCodes, readGold, score } from './coding-gold.js';

const CHECKPOINTS = [0, 10, 25, 50];
const REVIEWER = 'reviewer';

function option(args, name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
}

/** Area under the ROC curve of the auto codings' confidence against being right (0.5: no better than chance). */
function auc(db, passageOf, passages) {
  const rows = db.sql.prepare("SELECT document_id, code_id, score FROM codings WHERE coder = 'auto'").all();
  const goldCodes = [...new Set(passages.flatMap((p) => p.codes))];
  const scored = rows
    .filter((r) => goldCodes.some((g) => counts(r.code_id, g)))
    .map((r) => ({ s: r.score, right: passages[passageOf.get(r.document_id)].codes.some((g) => counts(r.code_id, g)) }));
  let pairs = 0;
  let good = 0;
  for (const a of scored) if (a.right) for (const b of scored) if (!b.right) (pairs++, (good += a.s > b.s ? 1 : a.s === b.s ? 0.5 : 0));
  return pairs ? good / pairs : null;
}

async function curve(root, passages, seed, { order, minConfidence }) {
  const lib = await import(path.join(root, 'dist', 'core', 'coding', 'index.js'));
  const { seeded } = await import(path.join(root, 'dist', 'core', 'review', 'prioritise.js'));
  const project = await goldProject(root, passages);
  const { db } = project;
  const passageOf = new Map(project.docIds.map((id, i) => [id, i]));
  const rand = seeded(seed);
  const points = [];
  let suggested = 0;
  const evaluate = (decisions) => {
    lib.autocode(db, { framework: 'race-equality', minConfidence });
    let proposals = [];
    try {
      proposals = lib.suggest(db, { accept: true, seed });
    } catch (err) {
      if (err.code !== 'E_NO_CODINGS') throw err;
    }
    suggested = proposals.reduce((n, r) => n + r.accepted, 0);
    const byCoder = ['auto', 'suggest', REVIEWER].map((c) => predictedCodes(db, c));
    const predictions = project.docIds.map((id) => new Set(byCoder.flatMap((m) => [...(m.get(id) ?? [])])));
    const { micro } = score(passages, predictions);
    const proposing = proposals.filter((r) => r.accepted).map((r) => ({ code: r.code, accepted: r.accepted, ...r.validation }));
    points.push({ decisions, ...micro, suggested, learnable: proposals.filter((r) => r.validation && !r.withheld).length, proposing, auc: auc(db, passageOf, passages) });
  };
  const reviewed = new Set();
  const live = db.sql.prepare("SELECT code_id FROM codings WHERE document_id = ? AND coalesce(status, '') <> 'rejected'").pluck();
  const passageSegment = db.sql.prepare('SELECT id FROM segments WHERE document_id = ? ORDER BY length(text) DESC LIMIT 1').pluck();
  let decisions = 0;
  for (const checkpoint of CHECKPOINTS) {
    while (decisions < checkpoint) {
      // Lowest confidence first, ties in random order; or, as the baseline, any unreviewed coding.
      const queue = db.sql.prepare("SELECT id, document_id, code_id, score FROM codings WHERE coder = 'auto' AND status IS NULL").all();
      if (!queue.length) break;
      const low = Math.min(...queue.map((q) => q.score));
      const pool = order === 'random' ? queue : queue.filter((q) => q.score - low < 1e-9);
      const next = pool[Math.floor(rand() * pool.length)];
      const passage = passages[passageOf.get(next.document_id)];
      lib.decideCoding(db, next.id, passage.codes.some((g) => counts(next.code_id, g)) ? 'accept' : 'reject', { coder: REVIEWER });
      decisions++;
      if (reviewed.has(next.document_id)) continue;
      reviewed.add(next.document_id);
      for (const g of passage.codes) {
        if ((live.all(next.document_id)).some((c) => counts(c, g))) continue;
        lib.addCoding(db, g, { segmentId: passageSegment.get(next.document_id) }, REVIEWER);
        decisions++;
      }
    }
    evaluate(decisions);
  }
  project.close();
  return points;
}

export async function run(args, root) {
  const file = goldFile(args, root);
  if (!fs.existsSync(file)) {
    console.log(`coding-learning: no gold set at ${file} (../shared is absent); nothing to measure`);
    return;
  }
  const passages = readGold(file);
  const seeds = Array.from({ length: Number(option(args, '--seeds', 3)) }, (_, i) => i + 1);
  const minConfidence = Number(option(args, '--min-confidence', 0.4));
  const policies = [
    { order: 'lowest', minConfidence: 0 },
    { order: 'lowest', minConfidence },
    { order: 'random', minConfidence },
  ];
  const results = [];
  for (const policy of policies) {
    for (const seed of seeds) results.push({ ...policy, seed, points: await curve(root, passages, seed, policy) });
  }
  if (args.includes('--json')) {
    console.log(JSON.stringify({ file, seeds, results }, null, 2));
    return;
  }
  console.log(`coding-learning: ${passages.length} passages of ${path.relative(process.cwd(), file)}; reviewer decides by the gold labels, lowest confidence first; seeds ${seeds.join(', ')}\n`);
  const f2 = (x) => x.toFixed(2);
  const span = (xs, f = f2) => (Math.min(...xs) === Math.max(...xs) ? f(xs[0]) : `${f(Math.min(...xs))}-${f(Math.max(...xs))}`);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const policy of policies) {
    console.log(`${policy.order === 'random' ? 'baseline: codings reviewed in random order' : 'codings reviewed lowest confidence first'}; code auto --min-confidence ${policy.minConfidence}, then code suggest --accept:`);
    console.log('decisions   micro P (range)      micro R (range)      micro F1 (range)     suggested  codes learnable  confidence AUC');
    const runs = results.filter((r) => r.order === policy.order && r.minConfidence === policy.minConfidence);
    CHECKPOINTS.forEach((_, k) => {
      const at = runs.map((r) => r.points[k]);
      const col = (key) => `${f2(median(at.map((p) => p[key])))} (${span(at.map((p) => p[key]))})`.padEnd(21);
      console.log(`${span(at.map((p) => p.decisions), String).padEnd(12)}${col('precision')}${col('recall')}${col('f1')}${String(median(at.map((p) => p.suggested))).padEnd(11)}${String(median(at.map((p) => p.learnable))).padEnd(17)}${f2(median(at.map((p) => p.auc)))}`);
    });
    console.log('');
  }
}
