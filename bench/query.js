// Query benchmark: a synthetic project of 1,000,000 segments and 300,000 codings, then p50/p99 of
// typical queries and the time of a codes × documents matrix. The baseline, measured in the same
// run, is a full scan of the segments table (SELECT count(*) … WHERE text LIKE …), which is what
// a query would cost without indexes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SEGMENTS = 1_000_000;
const CODINGS = 300_000;
const PER_DOC = 500;
const RUNS = 40;

// Text like a corpus's: most words from a long-tailed vocabulary, a few percent the review's own
// words, and now and then a phrase that queries look for.
const VOCABULARY = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
const WORDS = ('staff recruitment selection promotion women disability age race ethnicity policy report survey manager ' +
  'grade contract national international office review data equality discrimination structural racism career learning ' +
  'mobility complaint retaliation leadership accountability performance rating interview panel colleague agency field').split(' ');

export async function build(root, file) {
  const { Db } = await import(path.join(root, 'dist/core/store/index.js'));
  const { frameworkCodes, loadFramework, parseFramework } = await import(path.join(root, 'dist/core/coding/framework/index.js'));
  const db = Db.open(file, { create: true });
  const yaml = fs.readFileSync(path.join(root, 'templates', 'frameworks', 'race-equality.yaml'), 'utf8');
  loadFramework(db, parseFramework(yaml, 'race-equality.yaml'), yaml);
  const codes = frameworkCodes(db, 'race-equality').map((c) => c.id);
  const { seeded } = await import(path.join(root, 'dist/core/review/prioritise.js'));
  const rand = seeded(42);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const types = ['policy', 'report', 'transcript', 'literature', 'survey'];
  const countries = 'ABCDEFGHIJ'.split('');
  // Bulk load: index the text once at the end instead of row by row through the trigger.
  db.sql.exec('DROP TRIGGER segments_fts_insert');
  const docs = SEGMENTS / PER_DOC;
  db.transaction(() => {
    const doc = db.sql.prepare("INSERT INTO documents (sha256, source_path, title, year, format, page_count, bytes, status, added_at) VALUES (?, ?, ?, ?, 'pdf', 10, 1000, 'ok', 'now')");
    const page = db.sql.prepare('INSERT INTO pages (document_id, number, text) VALUES (?, ?, ?)');
    const attr = db.sql.prepare('INSERT INTO document_attributes (document_id, key, value) VALUES (?, ?, ?)');
    const seg = db.sql.prepare('INSERT INTO segments (document_id, page, seq, start, end, text) VALUES (?, ?, ?, ?, ?, ?)');
    for (let d = 1; d <= docs; d++) {
      doc.run(`sha-${d}`, `/bench/${d}.pdf`, `Synthetic document ${d}`, 2010 + Math.floor(rand() * 15));
      attr.run(d, 'type', pick(types));
      attr.run(d, 'country', pick(countries));
      for (let p = 1; p <= 10; p++) page.run(d, p, 'x'.repeat(4000));
      for (let i = 0; i < PER_DOC; i++) {
        const words = Array.from({ length: 12 + Math.floor(rand() * 20) }, () => (rand() < 0.06 ? pick(WORDS) : VOCABULARY[Math.floor(VOCABULARY.length ** rand()) - 1]));
        if (rand() < 0.01) words.splice(Math.floor(rand() * words.length), 0, 'structural', 'racism');
        const text = words.join(' ');
        seg.run(d, 1 + Math.floor(i / 50), i + 1, (i % 50) * 80, (i % 50) * 80 + Math.min(text.length, 79), text);
      }
    }
  });
  db.sql.exec("INSERT INTO segments_fts(segments_fts) VALUES ('rebuild')");
  db.sql.exec('CREATE TRIGGER segments_fts_insert AFTER INSERT ON segments BEGIN INSERT INTO segments_fts(rowid, text) VALUES (new.id, new.text); END');
  db.transaction(() => {
    const coding = db.sql.prepare("INSERT INTO codings (code_id, document_id, segment_id, page, start, end, coder, created_at) SELECT ?, document_id, id, page, start, end, ?, 'now' FROM segments WHERE id = ?");
    const coders = ['auto', 'auto', 'auto', 'amina', 'ben'];
    // Skewed like real coding: a few codes carry most of the codings.
    for (let i = 0; i < CODINGS; i++) coding.run(codes[Math.floor(rand() ** 2 * codes.length)], pick(coders), 1 + Math.floor(rand() * SEGMENTS));
  });
  db.sql.exec('ANALYZE');
  return db;
}

function time(fn, runs = RUNS) {
  fn();
  const samples = Array.from({ length: runs }, () => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  }).sort((a, b) => a - b);
  return { p50: samples[Math.floor(runs * 0.5)], p99: samples[Math.min(runs - 1, Math.floor(runs * 0.99))] };
}

export async function run(args, root) {
  const { runQuery, matrix } = await import(path.join(root, 'dist/core/query/index.js'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litkit-bench-query-'));
  // `--keep FILE` builds the project into FILE once and reuses it in later runs (profiling).
  const keep = args.includes('--keep') ? args[args.indexOf('--keep') + 1] : undefined;
  try {
    const t0 = performance.now();
    const { Db } = await import(path.join(root, 'dist/core/store/index.js'));
    const db = keep && fs.existsSync(keep) ? Db.open(keep) : await build(root, keep ?? path.join(dir, 'litkit.sqlite'));
    console.log(`query benchmark: synthetic project of ${SEGMENTS.toLocaleString()} segments, ${CODINGS.toLocaleString()} codings, ${SEGMENTS / PER_DOC} documents (built in ${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
    const scan = time(() => db.sql.prepare("SELECT count(*) FROM segments WHERE text LIKE '%retaliation complaint%'").get(), 5);
    const queries = [
      'employment.promotion',
      'employment.promotion AND (intersectionality.gender OR race)',
      'employment.promotion AND doc.type = policy AND doc.year >= 2018',
      'intersectionality.disability NEAR/2 employment.recruitment',
      'racism.structural AND text:"structural racism"',
      'employment.* AND coder:amina',
      'doc.country in (A, B) AND race AND NOT employment.*',
      'intersectionality.disability PRECEDES/3 employment.recruitment',
      'employment.promotion FOLLOWS racism',
      'racism.structural INSIDE race',
      'employment.promotion OVERLAPS intersectionality.gender',
      'atleast(2, race, employment.promotion, intersectionality.gender)',
    ];
    console.log(`${'query (the first 50 excerpts)'.padEnd(70)}${'matches'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}`);
    const p50s = [];
    for (const q of queries) {
      const t = time(() => runQuery(db, q, { limit: 50 }));
      const { total } = runQuery(db, q, { limit: 50, count: true });
      p50s.push(t.p50);
      console.log(`${q.padEnd(70)}${String(total).padStart(9)}${t.p50.toFixed(1).padStart(9)}${t.p99.toFixed(1).padStart(9)}`);
    }
    const counted = time(() => runQuery(db, queries[0], { limit: 50, count: true }), 10);
    console.log(`${`${queries[0]}, with --count`.padEnd(70)}${''.padStart(9)}${counted.p50.toFixed(1).padStart(9)}${counted.p99.toFixed(1).padStart(9)}`);
    const m = time(() => matrix(db, { columns: 'docs' }), 5);
    console.log(`\ncodes × documents matrix (29 × ${SEGMENTS / PER_DOC}): p50 ${m.p50.toFixed(0)} ms`);
    console.log(`baseline, a full scan of the segments' text: p50 ${scan.p50.toFixed(0)} ms; the median query takes ${((100 * p50s.sort((a, b) => a - b)[Math.floor(p50s.length / 2)]) / scan.p50).toFixed(1)}% of it`);
    console.log('targets: p50 under 20 ms, p99 under 100 ms, matrix under 1 s');
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
