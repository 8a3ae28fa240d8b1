import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { runCommand } from '@oclif/test';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addMemo } from '../../src/core/coding/index.js';
import { decide, importRecords } from '../../src/core/review/index.js';
import { codedProject, type CodedProject } from '../core/coding-fixture.js';
import { CORPUS, HAS_SHARED, ROOT, SHARED } from '../helpers.js';

interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs a litkit command in this process (oclif's runCommand), capturing what it prints: oclif
 * writes through console.log/error, which vitest would otherwise take for itself.
 */
async function litkitIn(args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(format(...a)));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(format(...a)));
  try {
    const r = await runCommand(args, { root: ROOT });
    return { stdout: [r.stdout, ...out].join(''), stderr: [r.stderr, ...err].join('\n'), code: r.error ? (r.error.oclif?.exit ?? 1) : 0 };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

let project: CodedProject;

beforeAll(async () => {
  project = await codedProject([path.join(CORPUS, 'policies')]);
  addMemo(project.db, { kind: 'code', id: 'employment.promotion' }, 'amina', 'Promotion | panels: "=SUM" appears in two policies, p. 2');
  if (HAS_SHARED) {
    await importRecords(project.db, path.join(SHARED, 'review', 'records', 'pubmed_zotero.ris'), { source: 'PubMed' });
    decide(project.db, 1, 'include', { reviewer: 'amina' });
    decide(project.db, 1, 'exclude', { reviewer: 'ben' });
  }
  project.db.sql.pragma('wal_checkpoint(TRUNCATE)');
});

afterAll(() => project.close());

const LISTINGS: [string, string[]][] = [
  ['docs list', ['docs', 'list']],
  ['code list', ['code', 'list', '--code', 'employment.promotion']],
  ['query', ['query', 'employment.promotion']],
  ['kwic', ['kwic', 'promotion']],
  ['freq', ['freq']],
  ['search', ['search', 'promotion']],
  ['memo list', ['memo', 'list']],
  ['table codes', ['table', 'codes']],
  ['table evidence', ['table', 'evidence', '--codes', 'employment.*']],
  ['framework show', ['framework', 'show']],
];

describe('every listing writes --format csv --out FILE and says so on stderr', () => {
  it.each(LISTINGS)('%s', async (_name, args) => {
    const file = path.join(project.dir, `${args.slice(0, 2).join('-')}.csv`);
    const r = await litkitIn([...args, '--project', project.dir, '--format', 'csv', '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const rows = parseCsv(fs.readFileSync(file, 'utf8')) as string[][];
    expect(rows.length).toBeGreaterThan(1);
    expect(r.stderr).toMatch(new RegExp(`^Wrote ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(${rows.length - 1} rows?(, showing \\d+ of \\d+)?\\)`, 'm'));
  });

  it.skipIf(!HAS_SHARED).each([
    ['records list', ['records', 'list']],
    ['screen conflicts', ['screen', 'conflicts']],
  ])('%s', async (_name, args) => {
    const file = path.join(project.dir, `${args.join('-')}.csv`);
    const r = await litkitIn([...args, '--project', project.dir, '--csv', '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsv(fs.readFileSync(file, 'utf8')) as string[][];
    expect(rows.length).toBeGreaterThan(1);
    expect(r.stderr).toContain(`Wrote ${file} (${rows.length - 1} row`);
  });
});

describe('listing conventions', () => {
  it('infers the format from the --out extension: an XLSX workbook from docs list --out docs.xlsx', async () => {
    const file = path.join(project.dir, 'docs.xlsx');
    const r = await litkitIn(['docs', 'list', '--project', project.dir, '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    expect(r.stderr).toContain('Wrote');
  });

  it('prints "showing N of M" under a capped kwic with the total, not the capped count', async () => {
    const all = await litkitIn(['kwic', 'promotion', '--project', project.dir, '--format', 'json']);
    const total = (JSON.parse(all.stdout) as unknown[]).length;
    expect(total).toBeGreaterThan(3);
    const r = await litkitIn(['kwic', 'promotion', '--project', project.dir, '-n', '3']);
    expect(r.stdout).toContain(`showing 3 of ${total}`);
    expect(r.stdout).toContain(`${total} occurrences of promotion`);
  });

  it('says the total of a capped code list on stderr when it prints CSV, so the pipe stays clean', async () => {
    const r = await litkitIn(['code', 'list', '--project', project.dir, '-n', '2', '--csv']);
    const rows = parseCsv(r.stdout) as string[][];
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('page');
    expect(r.stderr).toMatch(/^litkit: showing 2 of \d{2,}$/m);
  });

  it('prints with --format json exactly what --json prints', async () => {
    const a = await litkitIn(['table', 'codes', '--project', project.dir, '--format', 'json']);
    const b = await litkitIn(['table', 'codes', '--project', project.dir, '--json']);
    expect(JSON.parse(a.stdout)).toEqual(JSON.parse(b.stdout));
    expect((JSON.parse(a.stdout) as unknown[]).length).toBeGreaterThan(0);
  });

  it('keeps every page number of a query visible at 80 columns', async () => {
    process.env.COLUMNS = '80';
    try {
      const json = JSON.parse((await litkitIn(['query', 'employment.promotion', '--project', project.dir, '--format', 'json'])).stdout) as { excerpts: { citation: string }[] };
      const r = await litkitIn(['query', 'employment.promotion', '--project', project.dir]);
      const lines = r.stdout.split('\n');
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
      // Read the citation column (the first) down: a row starts where the coders column has text.
      const spans = [...lines[1]!.matchAll(/-+/g)].map((m) => [m.index!, m.index! + m[0].length] as const);
      const cited: string[] = [];
      for (const l of lines.slice(2)) {
        if (!l.trim()) break;
        const piece = l.slice(spans[0]![0], spans[0]![1]).trim();
        if (l.slice(spans[2]![0], spans[2]![1]).trim()) cited.push(piece);
        else cited[cited.length - 1] += ` ${piece}`;
      }
      expect(json.excerpts.length).toBeGreaterThan(0);
      expect(cited).toEqual(json.excerpts.map((e) => e.citation));
    } finally {
      delete process.env.COLUMNS;
    }
  });
});
