// Scores a definition finder against the labelled set test/data/definitions-gold.jsonl: each
// (passage, term) pair is a case; a pair in `defines` is a definition to find, a pair in `not` is
// a mention that must not be reported. Shared by bench/definitions.js and the test that asserts
// the targets, so both count the same way.
import fs from 'node:fs';

/** The labelled passages, one object per line. */
export function loadGold(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

const ratio = (a, b) => (b === 0 ? 1 : a / b);

function tally() {
  return { tp: 0, fn: 0, fp: 0, tn: 0 };
}

function finish(t) {
  return { ...t, recall: ratio(t.tp, t.tp + t.fn), precision: ratio(t.tp, t.tp + t.fp) };
}

/**
 * Recall and precision overall, per split, per sense of defining (recall: the gold label) and per
 * reported pattern (precision: what the finder called it). `find(text, term)` returns
 * `{ pattern } | undefined`.
 */
export function score(passages, find) {
  const overall = tally();
  const bySplit = {};
  const byFamily = {};
  const byPattern = {};
  const misses = [];
  const falses = [];
  for (const p of passages) {
    const split = (bySplit[p.split ?? 'dev'] ??= tally());
    for (const [term, family] of Object.entries(p.defines)) {
      const fam = (byFamily[family] ??= { n: 0, found: 0 });
      fam.n++;
      const found = find(p.text, term);
      if (found) {
        overall.tp++;
        split.tp++;
        fam.found++;
        (byPattern[found.pattern] ??= { tp: 0, fp: 0 }).tp++;
      } else {
        overall.fn++;
        split.fn++;
        misses.push({ id: p.id, term, family });
      }
    }
    for (const term of p.not) {
      const found = find(p.text, term);
      if (found) {
        overall.fp++;
        split.fp++;
        (byPattern[found.pattern] ??= { tp: 0, fp: 0 }).fp++;
        falses.push({ id: p.id, term, pattern: found.pattern });
      } else {
        overall.tn++;
        split.tn++;
      }
    }
  }
  return {
    overall: finish(overall),
    bySplit: Object.fromEntries(Object.entries(bySplit).map(([k, v]) => [k, finish(v)])),
    byFamily: Object.fromEntries(Object.entries(byFamily).map(([k, v]) => [k, { ...v, recall: ratio(v.found, v.n) }])),
    byPattern: Object.fromEntries(Object.entries(byPattern).map(([k, v]) => [k, { ...v, precision: ratio(v.tp, v.tp + v.fp) }])),
    misses,
    falses,
  };
}
