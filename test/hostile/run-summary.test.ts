import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../src/core/ingest/index.js';
import { Db, initProject } from '../../src/core/store/index.js';
import { BIN, CORPUS, HAS_SHARED, ROOT, SHARED, tempDir } from '../helpers.js';

const codes = (failures: { path: string; code: string }[], base: string) =>
  Object.fromEntries(failures.map((f) => [path.relative(base, f.path), f.code]));

/** Rows of documents whose pages or segments are missing: a half-written document. */
const halfWritten = (db: Db) =>
  db.sql
    .prepare(
      `SELECT count(*) FROM documents d WHERE page_count <> (SELECT count(*) FROM pages WHERE document_id = d.id)
        OR (status = 'ok' AND NOT EXISTS (SELECT 1 FROM segments WHERE document_id = d.id))`,
    )
    .pluck()
    .get();

describe('an ingest run reports what it cannot read, one line a path, and ends with its summary', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = tempDir('litkit-run-');
    db = Db.open(initProject(path.join(dir, 'project')).file);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('follows symbolic links to files and folders, and reports loops and broken links instead of passing over them', async () => {
    const input = path.join(dir, 'in');
    fs.mkdirSync(path.join(input, 'sub'), { recursive: true });
    fs.copyFileSync(path.join(CORPUS, 'reports', 'workforce-data-note.txt'), path.join(input, 'sub', 'note.txt'));
    fs.symlinkSync(path.join(CORPUS, 'transcripts', 'interview-transcript-07.txt'), path.join(input, 'interview.txt'));
    fs.symlinkSync(path.join(CORPUS, 'literature'), path.join(input, 'literature'));
    fs.symlinkSync('..', path.join(input, 'sub', 'up')); // back to in/: a loop
    fs.symlinkSync('self', path.join(input, 'self')); // a link to itself
    fs.symlinkSync('nowhere.pdf', path.join(input, 'broken.pdf'));
    fs.symlinkSync('note.txt', path.join(input, 'sub', 'same-note.txt')); // a second name for one file

    const summary = await ingest(db, [input], { jobs: 0 });

    expect(codes(summary.failures, input)).toEqual({
      'broken.pdf': 'E_BROKEN_LINK',
      self: 'E_SYMLINK_LOOP',
      'sub/up': 'E_SYMLINK_LOOP',
    });
    const stored = db.sql.prepare('SELECT source_path FROM documents ORDER BY source_path').pluck().all() as string[];
    // The linked file and the four files of the linked folder are read through their links.
    expect(stored.map((p) => path.relative(input, p))).toEqual([
      'interview.txt',
      'literature/bias-in-recruitment-and-selection.html',
      'literature/glossary-of-terms.md',
      'literature/intersectionality-and-the-workplace.md',
      'literature/structural-racism-in-international-organisations.md',
      'sub/note.txt',
    ]);
    expect(summary.skipped).toBe(1); // sub/same-note.txt: the same content as sub/note.txt
    expect(summary.files).toBe(summary.stored + summary.noText + summary.skipped + summary.failed);
  });

  it('goes on past a full disk: each document that does not fit fails with E_DISK_FULL, the others are stored whole', async () => {
    const input = path.join(dir, 'in');
    fs.mkdirSync(input);
    const small = path.join(input, 'a-note.txt');
    const large = path.join(input, 'b-policy.pdf');
    const after = path.join(input, 'c-comments.txt');
    fs.copyFileSync(path.join(CORPUS, 'reports', 'workforce-data-note.txt'), small);
    fs.copyFileSync(path.join(CORPUS, 'policies', 'recruitment-selection-policy-2021.pdf'), large);
    fs.copyFileSync(path.join(CORPUS, 'surveys', 'survey-free-text-comments.txt'), after);
    // SQLite's own size cap stands in for a full disk: writes past it fail with SQLITE_FULL, as on a full device.
    const pages = db.sql.pragma('page_count', { simple: true }) as number;
    db.sql.pragma(`max_page_count = ${pages + 4}`);

    const summary = await ingest(db, [input], { jobs: 0 });

    expect(summary.failures.map((f) => [path.basename(f.path), f.code])).toContainEqual(['b-policy.pdf', 'E_DISK_FULL']);
    expect(summary.failures.every((f) => f.code === 'E_DISK_FULL')).toBe(true);
    expect(summary.files).toBe(3);
    expect(summary.stored + summary.failed).toBe(3);
    expect(summary.stored).toBeGreaterThanOrEqual(1); // the small note fits
    const stored = db.sql.prepare('SELECT source_path FROM documents').pluck().all() as string[];
    expect(stored).not.toContain(large);
    expect(stored.length).toBe(summary.stored);
    expect(halfWritten(db)).toBe(0);
    expect(db.sql.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('stops when asked: the documents written so far are whole, the rest counted as not processed, and a second run adds them', async () => {
    const folder = path.join(CORPUS, 'policies');
    const stop = new AbortController();
    const first = await ingest(db, [folder], {
      jobs: 0,
      signal: stop.signal,
      onFile: (event) => {
        if (event.outcome === 'stored') stop.abort();
      },
    });
    expect(first.interrupted).toBe(true);
    expect(first.stored).toBeGreaterThanOrEqual(1);
    expect(first.notProcessed).toBeGreaterThan(0);
    expect(first.stored + first.noText + first.skipped + first.failed + first.notProcessed).toBe(first.files);
    expect(db.sql.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(first.stored);
    expect(halfWritten(db)).toBe(0);

    const second = await ingest(db, [folder], { jobs: 0 });
    expect(second.interrupted).toBe(false);
    expect(second.skipped).toBe(first.stored);
    expect(second.stored + second.noText).toBe(first.files - first.stored);
    expect(second.failed).toBe(0);
  });
});

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
}

/** Runs a command, and once the project holds `after` documents, does `interrupt` to it. */
function runUntil(command: string, args: string[], project: string, after: number, interrupt: (child: ReturnType<typeof spawn>) => void, options: { uid?: number; gid?: number } = {}): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, LITKIT_PROJECT: '', FORCE_COLOR: '0' }, ...options });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const poll = setInterval(() => {
      let n = 0;
      try {
        const db = new Database(project, { readonly: true });
        n = db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
        db.close();
      } catch {
        // not created yet, or mid-checkpoint: look again
      }
      if (n >= after) {
        clearInterval(poll);
        interrupt(child);
      }
    }, 30);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal, out });
    });
  });
}

describe.skipIf(!HAS_SHARED)('ingest stopped by a signal', () => {
  const pdfs = path.join(SHARED, 'corpus', 'pdf');
  const dirs: string[] = [];
  const project = () => {
    const dir = tempDir('litkit-signal-');
    dirs.push(dir);
    return initProject(dir).file;
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('on Ctrl-C at a terminal: finishes the document, prints the summary, shows the cursor, turns line wrap back on, exits 130', async () => {
    const file = project();
    // `script` gives the run a terminal, so the progress bar (which hides the cursor) is drawn and
    // Ctrl-C arrives as a user's keystroke would.
    const cmd = [process.execPath, BIN, 'ingest', pdfs, '--jobs', '1', '--project', file].map((a) => `'${a}'`).join(' ');
    const r = await runUntil('script', ['-qefc', cmd, '/dev/null'], file, 2, (child) => child.stdin!.write('\x03'));
    expect(r.code).toBe(130);
    expect(r.out).toMatch(/Stopped before the end; of 26 files: \d+ stored, .* \d+ not processed/);
    // The bar hid the cursor and turned wrapping off; both come back after it.
    const hidden = r.out.lastIndexOf('\x1b[?25l');
    expect(hidden).toBeGreaterThanOrEqual(0);
    expect(r.out.indexOf('\x1b[?25h', hidden)).toBeGreaterThan(hidden);
    expect(r.out.indexOf('\x1b[?7h', hidden)).toBeGreaterThan(hidden);
    const stored = Number(/(\d+) stored/.exec(r.out)![1]);
    const db = Db.open(file);
    try {
      expect(db.sql.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(stored);
      expect(halfWritten(db)).toBe(0);
    } finally {
      db.close();
    }
  }, 30_000);

  it('on SIGTERM: prints the summary with what was not processed and exits 143', async () => {
    const file = project();
    const r = await runUntil(process.execPath, [BIN, 'ingest', pdfs, '--jobs', '1', '--project', file], file, 1, (child) => child.kill('SIGTERM'));
    expect(r.code).toBe(143);
    expect(r.out).toMatch(/SIGTERM: stopping/);
    expect(r.out).toMatch(/Stopped before the end; of 26 files: .* \d+ not processed/);
  }, 30_000);
});

describe('files and folders that cannot be read', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports an unreadable folder and an unreadable file one line each, stores the rest, and exits 3 with the summary', async () => {
    dir = tempDir('litkit-perm-');
    const input = path.join(dir, 'in');
    fs.mkdirSync(path.join(input, 'locked'), { recursive: true });
    fs.copyFileSync(path.join(CORPUS, 'reports', 'workforce-data-note.txt'), path.join(input, 'note.txt'));
    fs.copyFileSync(path.join(CORPUS, 'surveys', 'survey-free-text-comments.txt'), path.join(input, 'secret.txt'));
    fs.copyFileSync(path.join(CORPUS, 'transcripts', 'interview-transcript-07.txt'), path.join(input, 'locked', 'inside.txt'));
    const file = initProject(path.join(dir, 'project')).file;
    fs.chmodSync(path.join(input, 'secret.txt'), 0o000);
    fs.chmodSync(path.join(input, 'locked'), 0o000);
    // Permissions do not bind root, so as root the run is made as the unprivileged user `nobody`.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    if (asUser.uid) {
      for (const p of [dir, input, path.dirname(file), file]) fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o777 : 0o666);
    }
    const r = await runUntil(process.execPath, [BIN, 'ingest', input, '--project', file], file, Infinity, () => undefined, asUser);
    fs.chmodSync(path.join(input, 'locked'), 0o755);
    expect(r.code).toBe(3);
    expect(r.out).toContain(`litkit: ${path.join(input, 'locked')}: cannot read the folder: permission denied (E_ACCES)`);
    expect(r.out).toContain(`litkit: ${path.join(input, 'secret.txt')}: cannot read the file: permission denied (E_ACCES)`);
    expect(r.out).toMatch(/Ingested 3 files: 1 stored, 0 without text, 0 skipped \(already in the project\), 2 failed/);
  }, 30_000);
});
