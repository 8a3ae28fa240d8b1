import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/cli/parse-errors.js';
import fs from 'node:fs';
import path from 'node:path';
import { systemFailure } from '../../src/cli/system-errors.js';
import { listCodings } from '../../src/core/coding/index.js';
import { loadFramework, parseFramework } from '../../src/core/coding/framework/index.js';
import { Db } from '../../src/core/store/db.js';
import { litkit, tempDir } from '../helpers.js';

describe('usage errors', () => {
  it('suggests the closest name only for a slip of the keyboard', () => {
    expect(didYouMean('--includ', ['--include', '--exclude', '--jobs'])).toBe('--include');
    expect(didYouMean('--nosuchflag', ['--include', '--exclude', '--jobs'])).toBeUndefined();
  });

  it('prints one litkit line with a "did you mean" and exits 2 for a misspelt flag, a bad option and an unknown command', async () => {
    const flag = await litkit(['ingest', '--includ', '*.pdf']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe('litkit: unknown flag --includ (did you mean --include?); see `litkit ingest --help` (E_USAGE)\n');
    const option = await litkit(['table', 'matrix', '--format', 'pdf']);
    expect(option.code).toBe(2);
    expect(option.stderr.trim().split('\n')).toEqual(['litkit: expected --format=pdf to be one of: table, md, csv, json, jsonl, xlsx, docx; see `litkit table matrix --help` (E_USAGE)']);
    const command = await litkit(['tabel', 'matrix']);
    expect(command.code).toBe(2);
    expect(command.stderr).toBe('litkit: unknown command "tabel matrix" (did you mean `litkit table matrix`?); see `litkit --help` (E_USAGE)\n');
  });

  it('names the path and the cause of a failed file operation in one line, never a raw Node error', async () => {
    const dir = tempDir();
    try {
      const file = path.join(dir, 'a-file');
      fs.writeFileSync(file, 'x');
      let err: Error | undefined;
      try {
        fs.mkdirSync(file);
      } catch (e) {
        err = e as Error;
      }
      expect(systemFailure(err!)?.line()).toBe(`litkit: ${file}: cannot mkdir: a file is already there (E_EXIST)`);
      expect(systemFailure(new Error('plain'))).toBeUndefined();
      const r = await litkit(['init', path.join(file, 'sub')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`litkit: ${path.join(file, 'sub')}: cannot mkdir: part of the path is a file, not a folder (E_NOTDIR)\n`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to list codings of a code that does not exist, as queries do, and lists an existing one', () => {
    const dir = tempDir();
    const db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
    try {
      const yaml = 'id: t\ntitle: T\nversion: 1\ncodes:\n  - id: race\n    label: Race\n';
      loadFramework(db, parseFramework(yaml, 't.yaml'), yaml);
      expect(() => listCodings(db, { code: 'rase' })).toThrow(/no code "rase"/);
      expect(() => listCodings(db, { code: 'employment.*' })).toThrow(/no code "employment\.\*"/);
      expect(listCodings(db, { code: 'race' })).toEqual([]);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives scripts only the documented error object with --json', async () => {
    const r = await litkit(['report', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'E_USAGE', message: 'missing TEMPLATE; see `litkit report --help`', file: null } });
  });
});

describe('proportion flags', () => {
  it('refuses a recall target outside (0, 1) in one line, exit 2', async () => {
    const r = await litkit(['screen', 'stop', '--recall', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('litkit: --recall takes a number between 0 and 1, got "2"; see `litkit screen stop --help` (E_USAGE)\n');
  });

  it('refuses a suggestion threshold outside 0-1 in one line, exit 2, before opening any project', async () => {
    const dir = tempDir();
    try {
      const r = await litkit(['code', 'suggest', '--threshold', '2'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('litkit: --threshold must be a number between 0 and 1, got "2" (E_USAGE)\n');
      expect(r.stdout).toBe('');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
