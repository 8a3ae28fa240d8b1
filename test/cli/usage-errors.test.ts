import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/cli/parse-errors.js';
import { litkit } from '../helpers.js';

describe('usage errors', () => {
  it('suggests the closest name only for a slip of the keyboard', () => {
    expect(didYouMean('--includ', ['--include', '--exclude', '--jobs'])).toBe('--include');
    expect(didYouMean('--nosuchflag', ['--include', '--exclude', '--jobs'])).toBeUndefined();
  });

  it('prints one litkit line with a "did you mean" and exits 2 for a misspelt flag, a bad option and an unknown command', () => {
    const flag = litkit(['ingest', '--includ', '*.pdf']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe('litkit: unknown flag --includ (did you mean --include?); see `litkit ingest --help` (E_USAGE)\n');
    const option = litkit(['table', 'matrix', '--format', 'pdf']);
    expect(option.code).toBe(2);
    expect(option.stderr.trim().split('\n')).toEqual(['litkit: expected --format=pdf to be one of: table, md, csv, json, xlsx, docx; see `litkit table matrix --help` (E_USAGE)']);
    const command = litkit(['tabel', 'matrix']);
    expect(command.code).toBe(2);
    expect(command.stderr).toBe('litkit: unknown command "tabel matrix" (did you mean `litkit table matrix`?); see `litkit --help` (E_USAGE)\n');
  });

  it('gives scripts only the documented error object with --json', () => {
    const r = litkit(['report', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'E_USAGE', message: 'missing TEMPLATE; see `litkit report --help`', file: null } });
  });
});
