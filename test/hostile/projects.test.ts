import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, Db, initProject, loadMigrations, migrate, PROJECT_FILE } from '../../src/core/store/index.js';
import { setSetting } from '../../src/core/store/settings.js';
import { ProjectError } from '../../src/errors.js';
import { BIN, tempDir } from '../helpers.js';

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The error Db.open throws for `file`. */
function refusal(file: string, options = {}): ProjectError {
  try {
    Db.open(file, options).close();
  } catch (err) {
    if (err instanceof ProjectError) return err;
    throw err;
  }
  throw new Error(`${file} was opened`);
}

describe('only litkit projects are opened, and nothing else is touched', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stamps a new project with litkit\'s application id', () => {
    const { file } = initProject(dir);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    raw.close();
  });

  it('refuses another program\'s SQLite database, an empty file and a text file, leaving each byte for byte as it was', () => {
    const other = path.join(dir, 'zotero.sqlite');
    const raw = new Database(other);
    raw.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO items (title) VALUES ('kept')");
    raw.pragma('user_version = 3');
    raw.close();
    const stamped = path.join(dir, 'stamped.sqlite');
    const raw2 = new Database(stamped);
    raw2.pragma('application_id = 1');
    raw2.exec('CREATE TABLE documents (x)');
    raw2.close();
    const empty = path.join(dir, 'empty.sqlite');
    fs.writeFileSync(empty, '');
    const text = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(text, 'not a database at all, just words\n'.repeat(10));
    for (const [file, cause] of [
      [other, /an SQLite database, but not a litkit project/],
      [stamped, /an SQLite database of another program \(application id 0x1\)/],
      [empty, /the file is empty, not a litkit project/],
      [text, /not an SQLite database, so not a litkit project/],
    ] as const) {
      const before = sha(file);
      const e = refusal(file);
      expect(e.code).toBe('E_NOT_PROJECT');
      expect(e.exitCode).toBe(4);
      expect(e.line()).toMatch(cause);
      expect(e.line().split('\n')).toHaveLength(1);
      expect(sha(file)).toBe(before);
      expect(fs.existsSync(`${file}-wal`)).toBe(false);
    }
    // init does not turn one into a project either.
    fs.copyFileSync(other, path.join(dir, PROJECT_FILE));
    expect(() => initProject(dir)).toThrow(/not a litkit project/);
  });

  it('adopts a project made before application ids (litkit\'s schema, no id) and stamps it once', () => {
    const file = path.join(dir, PROJECT_FILE);
    const raw = new Database(file);
    migrate(raw, file, loadMigrations());
    raw.prepare("INSERT INTO settings (key, value) VALUES ('coder', 'amina')").run();
    expect(raw.pragma('application_id', { simple: true })).toBe(0);
    raw.close();
    const db = Db.open(file);
    expect(db.sql.prepare("SELECT value FROM settings WHERE key = 'coder'").pluck().get()).toBe('amina');
    db.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    check.close();
  });
});

/**
 * Runs litkit as a user without write access: as root (CI, containers) permissions do not bind,
 * so the command runs as `nobody`; otherwise the chmod alone does it.
 */
function asReader(args: string[], home: string): { code: number; stdout: string; stderr: string } {
  const asRoot = process.getuid?.() === 0;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, HOME: home, LITKIT_PROJECT: '', FORCE_COLOR: '0' },
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('a project that cannot be written', () => {
  let dir: string;
  let project: string;
  let home: string;
  beforeEach(() => {
    dir = tempDir();
    project = path.join(dir, 'review');
    home = path.join(dir, 'home');
    fs.mkdirSync(home);
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(home, 0o777);
    const { file } = initProject(project);
    const db = Db.open(file);
    setSetting(db, 'coder', 'amina');
    db.close();
  });
  afterEach(() => {
    fs.chmodSync(project, 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['a read-only database file in a writable folder', 0o777],
    ['a read-only folder', 0o555],
  ])('%s: reads work, a write is one E_READONLY line with exit 4, and the database is unchanged', (_name, folderMode) => {
    const file = path.join(project, PROJECT_FILE);
    fs.chmodSync(file, 0o444);
    fs.chmodSync(project, folderMode);
    const read = asReader(['config', 'get', 'coder', '--project', project], home);
    expect(read.stderr).toBe('');
    expect(read.stdout).toBe('coder = amina\n');
    expect(read.code).toBe(0);
    const write = asReader(['config', 'set', 'coder', 'ben', '--project', project], home);
    expect(write.code).toBe(4);
    expect(write.stderr).toMatch(/^litkit: .*litkit\.sqlite: the project is read-only .*\(E_READONLY\)\n$/);
    fs.chmodSync(project, 0o755);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.prepare("SELECT value FROM settings WHERE key = 'coder'").pluck().get()).toBe('amina');
    raw.close();
  });
});
