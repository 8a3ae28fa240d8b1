// The hand-labelled coding set in ../shared/coding-gold and how auto-coding is scored against it,
// shared by the coding benches. Scoring follows the set's README: one decision per passage and
// code; a predicted descendant counts for a gold ancestor; `racism` and its children count for
// `race` (racism implies race); a predicted parent never counts for a gold child.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The gold file: `--gold FILE` among the args, else ../shared/coding-gold/dev.jsonl. */
export function goldFile(args, root) {
  const i = args.indexOf('--gold');
  return i >= 0 ? path.resolve(args[i + 1]) : path.resolve(root, '..', 'shared', 'coding-gold', 'dev.jsonl');
}

/** The passages of a gold JSONL file: `{ id, source, text, codes }`. */
export function readGold(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** Whether a predicted code counts as a prediction of a gold code. */
export function counts(predicted, gold) {
  if (predicted === gold || predicted.startsWith(`${gold}.`)) return true;
  return gold === 'race' && (predicted === 'racism' || predicted.startsWith('racism.'));
}

/**
 * A new project in a temporary folder holding one text document per passage, with the framework
 * loaded: the passages go through the same ingest (segmentation, segment kinds) as a user's files.
 * Returns the open database, the document id of each passage, and a cleanup function.
 */
export async function goldProject(root, passages, framework = 'race-equality') {
  const lib = (p) => import(path.join(root, 'dist', 'core', p));
  const { Db } = await lib('store/db.js');
  const { ingest } = await lib('ingest/index.js');
  const { parseFramework, loadFramework, bundledFramework } = await lib('coding/framework/index.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litkit-gold-'));
  const files = path.join(dir, 'passages');
  fs.mkdirSync(files);
  // The passage's number names the file; a title line (a number only: the ids hold words such as
  // "race") keeps the passage itself from being read as the text file's title block.
  passages.forEach((p, i) => fs.writeFileSync(path.join(files, `${String(i).padStart(4, '0')}.txt`), `Passage ${i}\n\n${p.text}\n`));
  const db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
  await ingest(db, [files], { jobs: 0 });
  const fwFile = bundledFramework(framework);
  const text = fs.readFileSync(fwFile, 'utf8');
  loadFramework(db, parseFramework(text, fwFile), text);
  const docs = db.sql.prepare('SELECT id, source_path FROM documents').all();
  const docOf = new Map(docs.map((d) => [Number(path.basename(d.source_path, '.txt')), d.id]));
  return {
    db,
    docIds: passages.map((_, i) => docOf.get(i)),
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The codes of each document as a Map(docId -> Set(code)), from codings that are not rejected. */
export function predictedCodes(db, coder = 'auto') {
  const hasStatus = db.sql.prepare("SELECT count(*) FROM pragma_table_info('codings') WHERE name = 'status'").pluck().get();
  const rows = db.sql
    .prepare(`SELECT document_id, code_id FROM codings WHERE coder = ? ${hasStatus ? "AND coalesce(status, '') <> 'rejected'" : ''}`)
    .all(coder);
  const out = new Map();
  for (const r of rows) {
    if (!out.has(r.document_id)) out.set(r.document_id, new Set());
    out.get(r.document_id).add(r.code_id);
  }
  return out;
}

/**
 * Per-code and averaged precision, recall and F1 of predictions (one Set of codes per passage)
 * against the passages' gold codes. Codes are the gold ids of the set.
 */
export function score(passages, predictions) {
  const codes = [...new Set(passages.flatMap((p) => p.codes))].sort();
  const perCode = codes.map((code) => {
    const row = { code, tp: 0, fp: 0, fn: 0, support: 0, falsePositives: [], misses: [] };
    passages.forEach((p, i) => {
      const gold = p.codes.includes(code);
      const predicted = [...(predictions[i] ?? [])].some((c) => counts(c, code));
      if (gold) row.support++;
      if (gold && predicted) row.tp++;
      else if (predicted) {
        row.fp++;
        row.falsePositives.push({ ...p, index: i });
      } else if (gold) {
        row.fn++;
        row.misses.push({ ...p, index: i });
      }
    });
    return { ...row, ...prf(row.tp, row.fp, row.fn) };
  });
  const sum = (k) => perCode.reduce((a, r) => a + r[k], 0);
  const micro = prf(sum('tp'), sum('fp'), sum('fn'));
  const macroF1 = perCode.reduce((a, r) => a + r.f1, 0) / (perCode.length || 1);
  return { perCode, micro, macroF1 };
}

function prf(tp, fp, fn) {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}
