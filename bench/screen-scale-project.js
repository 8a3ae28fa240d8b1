// Screening at scale in a project: `screen next` on 1,704 to 50,000 records, first run (builds and
// stores the features) against later runs with the same decisions (read the stored scores) and
// after one more decision (train over the stored features), and `records dedupe` on 10,000 to 100,000
// records. Baselines in the same run: one pass splitting every record into words (the least any
// text model does), and one pass normalising every title (the least any de-duplication does).
// Records are made of Kitchenham 2010's sentences and title words (from ../shared), drawn at random.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const NEXT_SIZES = [1704, 20000, 50000];
const DEDUPE_SIZES = [10000, 100000];

function timed(fn) {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

export async function runProjectScale(root, material) {
  const { Db } = await import(path.join(root, 'dist/core/store/index.js'));
  const { nextRecord, dedupe, seeded } = await import(path.join(root, 'dist/core/review/index.js'));
  const { normaliseTitle } = await import(path.join(root, 'dist/core/review/types.js'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litkit-bench-'));
  const rand = seeded(7);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const project = (name, records) => {
    const db = Db.open(path.join(dir, `${name}.sqlite`), { create: true });
    db.transaction(() => {
      db.sql.prepare("INSERT INTO record_sources (name, file, format, imported_at, records, failed) VALUES ('bench', 'bench', 'csv', '', 0, 0)").run();
      const insert = db.sql.prepare('INSERT INTO records (source_id, title, abstract, year, authors) VALUES (1, ?, ?, ?, ?)');
      for (const r of records) insert.run(r.title, r.abstract ?? null, r.year ?? null, JSON.stringify(r.authors ?? []));
    });
    return db;
  };
  try {
    console.log('\n`screen next` in a project (300 decisions, 1 in 20 an include), each in a new connection: the first run builds and stores the features;');
    console.log('a later run with the same decisions reads the scores stored for them; after a decision, the model is trained again over the stored features');
    console.log('records  tokenise  first run   ratio  later run   ratio  after decision   ratio');
    for (const size of NEXT_SIZES) {
      const records = Array.from({ length: size }, () => ({ title: pick(material.sentences), abstract: Array.from({ length: 8 }, () => pick(material.sentences)).join(' ') }));
      const TOKEN = /[\p{L}\p{M}\p{N}_]+/gu;
      const tokenise = timed(() => {
        let n = 0;
        for (const r of records) for (const _ of `${r.title} ${r.abstract}`.toLowerCase().matchAll(TOKEN)) n++;
        return n;
      }).ms;
      let db = project(`next-${size}`, records);
      db.transaction(() => {
        const decide = db.sql.prepare("INSERT INTO screening (record_id, stage, decision, reviewer, decided_at) VALUES (?, 'title-abstract', ?, 'bench', ?)");
        for (let i = 0; i < 300; i++) decide.run(1 + i * Math.floor(size / 300), i % 20 === 0 ? 'include' : 'exclude', new Date(1e12 + i).toISOString());
      });
      const first = timed(() => nextRecord(db, { reviewer: 'bench' })).ms;
      const file = db.file;
      db.close();
      // A new connection, as a new process has: the features come from the project, and with the
      // decisions unchanged, the scores stored for them.
      const median = (xs) => xs.sort((a, b) => a - b)[1];
      const later = median([0, 1, 2].map(() => {
        db = Db.open(file);
        const ms = timed(() => nextRecord(db, { reviewer: 'bench' })).ms;
        db.close();
        return ms;
      }));
      // The reviewer's flow: decide the record shown, then ask for the next one in a new process.
      let decisions = 300;
      const afterDecision = median([0, 1, 2].map(() => {
        db = Db.open(file);
        const shown = nextRecord(db, { reviewer: 'bench' }).record.id;
        db.sql.prepare("INSERT INTO screening (record_id, stage, decision, reviewer, decided_at) VALUES (?, 'title-abstract', 'exclude', 'bench', ?)").run(shown, new Date(1e12 + decisions++).toISOString());
        db.close();
        db = Db.open(file);
        const ms = timed(() => nextRecord(db, { reviewer: 'bench' })).ms;
        db.close();
        return ms;
      }));
      console.log([String(size).padStart(7), `${tokenise.toFixed(0)} ms`.padStart(10), `${first.toFixed(0)} ms`.padStart(11), `${(first / tokenise).toFixed(1)}x`.padStart(8), `${later.toFixed(0)} ms`.padStart(11), `${(later / tokenise).toFixed(2)}x`.padStart(8), `${afterDecision.toFixed(0)} ms`.padStart(16), `${(afterDecision / tokenise).toFixed(2)}x`.padStart(8)].join(''));
      fs.rmSync(file, { force: true });
    }

    console.log('\n`records dedupe` (2% of the records are a retyped copy of another: a typo, case, punctuation; a year either way)');
    console.log('records  normalise   dedupe    ratio  duplicates found');
    for (const size of DEDUPE_SIZES) {
      const records = [];
      let copies = 0;
      for (let i = 0; i < size; i++) {
        if (i > 10 && rand() < 0.02) {
          const o = records[Math.floor(rand() * records.length)];
          const k = Math.floor(rand() * o.title.length);
          records.push({ ...o, title: rand() < 0.5 ? `${o.title.slice(0, k)}${o.title.slice(k + 1)}` : o.title.toUpperCase(), year: o.year + (rand() < 0.2 ? 1 : 0) });
          copies++;
        } else {
          const words = Array.from({ length: 7 + Math.floor(rand() * 8) }, () => pick(material.titleWords));
          records.push({ title: words.join(' ').replace(/^./, (c) => c.toUpperCase()), year: 1990 + Math.floor(rand() * 30), authors: [`${pick(material.titleWords)}, A.`] });
        }
      }
      const normalise = timed(() => records.forEach((r) => normaliseTitle(r.title))).ms;
      const db = project(`dedupe-${size}`, records);
      const r = timed(() => dedupe(db, { dryRun: true }));
      console.log([String(size).padStart(7), `${normalise.toFixed(0)} ms`.padStart(11), `${(r.ms / 1000).toFixed(1)} s`.padStart(9), `${(r.ms / normalise).toFixed(0)}x`.padStart(9), `${r.value.duplicates} of ${copies} made`.padStart(18)].join(''));
      db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
