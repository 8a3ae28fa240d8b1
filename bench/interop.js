// Interop benchmark: a project of 1,000 documents and 100,000 codings exported to QDPX and
// imported into a new project, each in its own process so that its peak memory is its own.
// Baselines measured in the same run: writing the same bytes (project.qde and the source texts)
// with plain fs, and reading them back out of the zip; the ratios say what XML, positions, the
// zip and the database cost on top. Text: the ten real conference papers of the MAXQDA sample in
// ../shared/interop (else litkit's demo corpus), each document one of them with an emoji line so
// that positions take the code-point path. Targets: export < 10 s, import < 20 s, < 500 MB.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = fileURLToPath(import.meta.url);

function option(args, name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** Real texts to fill documents with. */
async function texts(root) {
  const JSZip = (await import('jszip')).default;
  const sample = path.join(root, '..', 'shared', 'interop', 'maxqda24-project.qdpx');
  if (fs.existsSync(sample)) {
    const zip = await JSZip.loadAsync(fs.readFileSync(sample));
    const out = [];
    for (const f of zip.file(/^sources\/.*\.txt$/)) out.push(await f.async('string'));
    return { from: 'the MAXQDA sample\'s 10 conference papers', texts: out };
  }
  const dir = path.join(root, 'corpus');
  const files = fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.md'));
  return { from: 'the demo corpus', texts: files.map((f) => fs.readFileSync(path.join(dir, String(f)), 'utf8')) };
}

export async function build(root, file, docs, codings) {
  const { Db } = await import(path.join(root, 'dist/core/store/index.js'));
  const { frameworkCodes, loadFramework, parseFramework } = await import(path.join(root, 'dist/core/coding/framework/index.js'));
  const { insertDocument } = await import(path.join(root, 'dist/core/documents/index.js'));
  const { segmentPages } = await import(path.join(root, 'dist/core/ingest/index.js'));
  const { seeded } = await import(path.join(root, 'dist/core/review/prioritise.js'));
  const db = Db.open(file, { create: true });
  const yaml = fs.readFileSync(path.join(root, 'templates', 'frameworks', 'race-equality.yaml'), 'utf8');
  loadFramework(db, parseFramework(yaml, 'race-equality.yaml'), yaml);
  const codes = frameworkCodes(db, 'race-equality').map((c) => c.id);
  const source = await texts(root);
  const rand = seeded(7);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const perDoc = Math.ceil(codings / docs);
  const coders = ['amina', 'ben', 'chidi', 'auto'];
  db.transaction(() => {
    const coding = db.sql.prepare("INSERT INTO codings (code_id, document_id, segment_id, page, start, end, coder, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, '2024-05-01T10:00:00.000Z')");
    const memo = db.sql.prepare("INSERT INTO memos (target_kind, target, author, text, created_at) VALUES ('document', ?, 'amina', ?, '2024-05-01T10:00:00.000Z')");
    let made = 0;
    for (let d = 1; d <= docs; d++) {
      const text = `Document ${d} 🌍 — résumé, 文本\n\n${source.texts[d % source.texts.length]}`;
      // Pages of about 4,000 characters, cut at paragraph ends.
      const pages = [];
      for (let rest = text; rest.length; ) {
        const cut = rest.length <= 4000 ? rest.length : (rest.indexOf('\n\n', 4000) + 1 || rest.length);
        pages.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      const prepared = { pages, segments: segmentPages(pages, 'txt'), meta: { title: `Document ${d}`, year: 2000 + (d % 25) }, engine: 'bench', status: 'ok' };
      const id = insertDocument(db, { sha256: `${String(d).padStart(64, '0')}`, sourcePath: `/bench/${d}.txt`, format: 'txt', bytes: text.length, prepared, attributes: { type: pick(['policy', 'report', 'transcript']), country: pick(['Kenya', 'Peru', 'Nepal']) } });
      const segs = db.sql.prepare('SELECT id, page, start, end FROM segments WHERE document_id = ?').all(id);
      // Distinct (code, coder, segment) triples: an import skips exact duplicates, so the counts in and out must agree.
      const seen = new Set();
      for (let i = 0; made < Math.min(codings, d * perDoc) && i < 3 * perDoc; i++) {
        const s = pick(segs);
        const [code, coder] = [pick(codes), pick(coders)];
        if (seen.has(`${code}|${coder}|${s.id}`)) continue;
        seen.add(`${code}|${coder}|${s.id}`);
        coding.run(code, id, s.id, s.page, s.start, s.end, coder);
        made++;
      }
      if (d % 10 === 0) memo.run(String(id), `Memo on document ${d}: compare with the policy.`);
    }
  });
  db.close();
  return source.from;
}

function child(args) {
  const r = spawnSync(process.execPath, [HERE, 'child', ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench child ${args[0]} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

async function childMain([phase, root, db, qdpx]) {
  const { Db } = await import(path.join(root, 'dist/core/store/index.js'));
  const { exportQdpx, importQdpx } = await import(path.join(root, 'dist/core/interop/index.js'));
  const t0 = performance.now();
  let report;
  if (phase === 'export') {
    const project = Db.open(db);
    report = await exportQdpx(project, qdpx);
    project.close();
  } else {
    const project = Db.open(db, { create: true });
    report = await importQdpx(project, qdpx);
    project.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage();
  console.log(JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024, codings: report.codings.added ?? report.codings, documents: report.documents.added ?? report.documents }));
}

export async function run(args, root) {
  const docs = option(args, '--docs', 1000);
  const codings = option(args, '--codings', 100_000);
  const JSZip = (await import('jszip')).default;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litkit-bench-interop-'));
  try {
    const t0 = performance.now();
    const from = await build(root, path.join(dir, 'source.sqlite'), docs, codings);
    console.log(`interop benchmark: ${docs.toLocaleString()} documents, ${codings.toLocaleString()} codings, text from ${from} (built in ${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
    const qdpx = path.join(dir, 'bench.qdpx');
    const exp = child(['export', root, path.join(dir, 'source.sqlite'), qdpx]);

    // Baselines: the same bytes, written with plain fs and read back out of the zip.
    const zip = await JSZip.loadAsync(fs.readFileSync(qdpx));
    const entries = [];
    for (const f of Object.values(zip.files)) if (!f.dir) entries.push([f.name, await f.async('nodebuffer')]);
    const bytes = entries.reduce((n, [, b]) => n + b.length, 0);
    const plain = path.join(dir, 'plain');
    fs.mkdirSync(path.join(plain, 'sources'), { recursive: true });
    let t = performance.now();
    for (const [name, b] of entries) fs.writeFileSync(path.join(plain, name), b);
    const writeBaseline = (performance.now() - t) / 1000;
    t = performance.now();
    const again = await JSZip.loadAsync(fs.readFileSync(qdpx));
    for (const f of Object.values(again.files)) if (!f.dir) await f.async('string');
    const readBaseline = (performance.now() - t) / 1000;

    const imp = child(['import', root, path.join(dir, 'target.sqlite'), qdpx]);
    const mb = (n) => `${n.toFixed(0)} MB`;
    const row = (phase, r, base, target) => {
      const ok = r.seconds < target && r.maxRssMb < 500;
      console.log(`${phase.padEnd(8)}${r.seconds.toFixed(1).padStart(8)} s${r.cpuSeconds.toFixed(1).padStart(8)} s${base.toFixed(2).padStart(10)} s${`${(r.seconds / base).toFixed(0)}×`.padStart(9)}${mb(r.maxRssMb).padStart(10)}   < ${target} s, < 500 MB: ${ok ? 'ok' : 'MISSED'}`);
    };
    console.log(`QDPX: ${(fs.statSync(qdpx).size / 2 ** 20).toFixed(1)} MB zipped, ${(bytes / 2 ** 20).toFixed(1)} MB of XML and text; ${exp.codings.toLocaleString()} codings out, ${imp.codings.toLocaleString()} in\n`);
    console.log(`${'phase'.padEnd(8)}${'time'.padStart(10)}${'CPU'.padStart(10)}${'baseline'.padStart(12)}${'ratio'.padStart(9)}${'peak RSS'.padStart(10)}   target`);
    row('export', exp, writeBaseline, 10);
    row('import', imp, readBaseline, 20);
    console.log('\nbaselines: export against writing the same bytes with fs; import against reading them out of the zip (JSZip).');
    console.log(`CPU: user and system time of the phase's process (includes start-up); load average now ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores.`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child' && pathToFileURL(process.argv[1]).href === import.meta.url) await childMain(process.argv.slice(3));
