import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMemo } from '../../src/core/coding/index.js';
import { bundledFramework, loadFramework, parseFramework } from '../../src/core/coding/framework/index.js';
import { importRecords } from '../../src/core/review/index.js';
import { failedFiles } from '../../src/core/documents/index.js';
import { BUSY_TIMEOUT_MS, Db, initProject } from '../../src/core/store/index.js';
import { BIN, HAS_SHARED, ROOT, SHARED, tempDir } from '../helpers.js';

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, LITKIT_PROJECT: '', FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// Writes through the library, one process, opening the project anew for each write as the
// commands do, until the ingests are done (the flag file) and at least \`MEMOS\` memos are written:
// a memo each round, a screening decision each round, and \`code auto\` every fifth.
const MEMOS = 30;
const memoLoop = (project: string, done: string) => `
import fs from 'node:fs';
const { Db } = await import(${JSON.stringify(path.join(ROOT, 'dist/core/store/index.js'))});
const { addMemo, autocode } = await import(${JSON.stringify(path.join(ROOT, 'dist/core/coding/index.js'))});
const { decide } = await import(${JSON.stringify(path.join(ROOT, 'dist/core/review/index.js'))});
let n = 0;
let coded = 0;
while (n < ${MEMOS} || !fs.existsSync(${JSON.stringify(done)})) {
  const db = Db.open(${JSON.stringify(project)});
  addMemo(db, { kind: 'project' }, 'loop', 'memo ' + (++n));
  decide(db, 1, n % 2 ? 'include' : 'exclude', { reviewer: 'loop' });
  if (n % 5 === 0) {
    autocode(db);
    coded++;
  }
  db.close();
  await new Promise((r) => setTimeout(r, 20));
}
console.log(JSON.stringify({ memos: n, autocoded: coded }));
`;

describe.skipIf(!HAS_SHARED)('two ingests of overlapping folders and a memo loop at once', () => {
  let dir: string;
  let project: string;
  const pdfs = path.join(SHARED, 'corpus', 'pdf');
  // Overlapping selections of the real PDFs: the d* files are in both runs. The four largest are
  // left out to keep the test short; the concurrency is the same.
  const large = ['oblivious', 'compression', 'tiered', 'signal'];
  const skipLarge = large.flatMap((word) => ['--exclude', `*${word}*`]);
  const first = ['--include', 'd*', '--include', 'm*', ...skipLarge];
  const second = ['--include', 'd*', '--include', 'o*', '--include', 'p*', ...skipLarge];
  const expected = fs.existsSync(pdfs) ? fs.readdirSync(pdfs).filter((f) => /^[dmop]/.test(f) && !large.some((w) => f.includes(w))) : [];
  let results: Finished[];

  beforeAll(async () => {
    dir = tempDir('litkit-concurrent-');
    project = initProject(dir).file;
    // A framework to auto-code with and a record to screen, while the ingests run.
    const setup = Db.open(project);
    const framework = bundledFramework('race-equality');
    loadFramework(setup, parseFramework(fs.readFileSync(framework, 'utf8'), framework), fs.readFileSync(framework, 'utf8'));
    fs.writeFileSync(path.join(dir, 'one.ris'), 'TY  - JOUR\nTI  - Racial equity in hiring\nPY  - 2020\nER  - \n');
    await importRecords(setup, path.join(dir, 'one.ris'), { source: 'Hand' });
    setup.close();
    const done = path.join(dir, 'ingests-done');
    const loopScript = path.join(dir, 'memo-loop.mjs');
    fs.writeFileSync(loopScript, memoLoop(project, done));
    const memos = run([loopScript]);
    const ingests = Promise.all([
      run([BIN, 'ingest', pdfs, ...first, '--jobs', '1', '--json', '--project', project]),
      run([BIN, 'ingest', pdfs, ...second, '--jobs', '1', '--json', '--project', project]),
    ]);
    const finished = await ingests;
    fs.writeFileSync(done, '');
    results = [...finished, await memos];
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores every file exactly once, fails none, writes every memo, and leaves an intact database', () => {
    const [a, b, memos] = results;
    for (const r of [a!, b!]) {
      expect(r.stderr).not.toMatch(/SQLITE_BUSY|UNIQUE constraint|database is locked/);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).failed).toBe(0);
    }
    const sa = JSON.parse(a!.stdout);
    const sb = JSON.parse(b!.stdout);
    // Between them the two runs stored each file once; the overlap was skipped by the one that came second.
    expect(sa.stored + sa.noText + sb.stored + sb.noText).toBe(expected.length);
    expect(sa.skipped + sb.skipped).toBe(sa.files + sb.files - expected.length);
    expect(memos!.code, memos!.stderr).toBe(0);
    const { memos: written, autocoded } = JSON.parse(memos!.stdout.trim()) as { memos: number; autocoded: number };
    expect(written).toBeGreaterThanOrEqual(MEMOS);
    expect(autocoded).toBeGreaterThanOrEqual(MEMOS / 5);

    const db = Db.open(project);
    try {
      const stored = db.sql.prepare('SELECT source_path FROM documents ORDER BY source_path').pluck().all() as string[];
      expect(stored.map((p) => path.basename(p))).toEqual([...expected].sort((x, y) => x.localeCompare(y)));
      expect(db.sql.prepare("SELECT count(*) FROM memos WHERE author = 'loop'").pluck().get()).toBe(written);
      // The reviewer's latest decision stands: the one of the last round.
      expect(db.sql.prepare("SELECT decision FROM screening WHERE reviewer = 'loop'").pluck().all()).toEqual([written % 2 ? 'include' : 'exclude']);
      expect(failedFiles(db)).toEqual([]);
      expect(db.sql.pragma('integrity_check', { simple: true })).toBe('ok');
      // Every stored document has its pages and segments: none was left half-written.
      const incomplete = db.sql
        .prepare('SELECT count(*) FROM documents d WHERE page_count <> (SELECT count(*) FROM pages WHERE document_id = d.id)')
        .pluck()
        .get();
      expect(incomplete).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('a write while another process holds the lock', () => {
  it('waits for the lock and then succeeds, instead of failing with SQLITE_BUSY', async () => {
    const dir = tempDir('litkit-busy-');
    try {
      const file = initProject(dir).file;
      // Another process takes the write lock and keeps it for 1.5 s, as storing a large document can.
      const holder = path.join(dir, 'hold.mjs');
      fs.writeFileSync(
        holder,
        `import Database from ${JSON.stringify(path.join(ROOT, 'node_modules/better-sqlite3/lib/index.js'))};
const db = new Database(${JSON.stringify(file)});
db.exec('BEGIN IMMEDIATE');
db.prepare("INSERT INTO settings (key, value) VALUES ('held', 'yes')").run();
console.log('locked');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, 1500);`,
      );
      const child = spawn(process.execPath, [holder]);
      const closed = new Promise((resolve) => child.on('close', resolve));
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      const db = Db.open(file);
      try {
        expect(db.sql.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
        const t0 = performance.now();
        const memo = addMemo(db, { kind: 'project' }, 'me', 'written after the lock was released');
        const waited = performance.now() - t0;
        expect(memo.text).toBe('written after the lock was released');
        expect(waited).toBeGreaterThan(500); // it did wait for the other process
        // and saw what that process committed
        expect(db.sql.prepare("SELECT value FROM settings WHERE key = 'held'").pluck().get()).toBe('yes');
      } finally {
        db.close();
        await closed;
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
