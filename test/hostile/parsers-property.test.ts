import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkFramework, loadFramework, parseFramework } from '../../src/core/coding/framework/index.js';
import { parseQuery } from '../../src/core/query/index.js';
import { parseBibtex } from '../../src/core/review/bibtex.js';
import { parseRis, parseTabular } from '../../src/core/review/index.js';
import type { ParsedRecords } from '../../src/core/review/types.js';
import { Db } from '../../src/core/store/index.js';
import { LitkitError } from '../../src/errors.js';
import { tempDir } from '../helpers.js';

// Property tests with fast-check: whatever a user pastes or a database exports, each parser returns
// a result or throws one of litkit's typed errors with a one-line message; fast-check shrinks any
// failure to a smallest input and prints its seed. numRuns keeps each file under a few seconds.

/** Text that breaks parsers: controls, lone surrogates, BOMs, CRLF, quotes, braces and emoji. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u001b', '\ud800', '\udfff', '\ufeff', '\r', '\n', '\r\n', '"', "'", '{', '}', '\\', ',', ';', '\t', '=', '%', '@', '😀', 'é', 'ＡＮＤ', ' '), maxLength: 20 }),
);
/** A value a field might hold: ordinary words most of the time, nasty text otherwise. */
const value = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('Racial equity in hiring', 'Smith, J.', '2021', '10.1000/xyz', '1e308', '-1', '', '  ') }, { weight: 2, arbitrary: nasty });

/** Calls `fn`; it must return, or throw a LitkitError whose message is one line. */
async function returnsOrTypedError<T>(fn: () => T | Promise<T>): Promise<T | LitkitError> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof LitkitError)) throw err;
    expect(err.message).not.toMatch(/\n/);
    // A query error may add a caret under the column after its line; the line itself is whole.
    expect(err.line().split('\n')[0]).toMatch(/^litkit: .*\(E_[A-Z_]+\)$/);
    return err;
  }
}

/** A parsed record set is whole: lists, a title per record, and a line number for each record and problem. */
function wellFormed(r: ParsedRecords): void {
  expect(Array.isArray(r.records) && Array.isArray(r.problems)).toBe(true);
  for (const rec of r.records) {
    expect(typeof rec.title).toBe('string');
    expect(Number.isInteger(rec.line) && rec.line >= 1).toBe(true);
    expect(Array.isArray(rec.authors)).toBe(true);
  }
  for (const p of r.problems) expect(Number.isInteger(p.line) && p.line >= 1 && typeof p.message === 'string').toBe(true);
}

/**
 * Parses every file `files` generates: each parse returns a whole record set or throws a typed
 * error. Returns how many records were read, so a caller can check the generator reached records.
 */
async function recordsRead(files: fc.Arbitrary<string>, parse: (text: string) => ParsedRecords | Promise<ParsedRecords>, numRuns: number): Promise<number> {
  let records = 0;
  await fc.assert(
    fc.asyncProperty(files, async (text) => {
      const r = await returnsOrTypedError(() => parse(text));
      if (!(r instanceof LitkitError)) {
        wellFormed(r);
        records += r.records.length;
      }
    }),
    { numRuns },
  );
  return records;
}

describe('the query parser on arbitrary input', () => {
  const atom = fc.constantFrom('racism', 'racism.*', 'employment.promotion', 'text:"fear of"', 'text:fea*', 'doc.year >= 2021', 'doc.type in (a, "b c")', 'coder:amina', 'speaker:P4');
  const { expr } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atom,
      tie('expr').map((e) => `NOT ${e}`),
      tie('expr').map((e) => `(${e})`),
      fc.tuple(tie('expr'), fc.constantFrom(' AND ', ' OR ', ' NEAR/2 ', ' NEAR/0 '), tie('expr')).map(([a, op, b]) => `${a}${op}${b}`),
    ),
  }));
  /** A grammatical query with nasty text spliced in at a random place, or none. */
  const broken = fc.tuple(expr, fc.option(nasty), fc.nat()).map(([e, junk, at]) => (junk === null ? e : `${e.slice(0, at % (e.length + 1))}${junk}${e.slice(at % (e.length + 1))}`));

  it('returns a tree or throws a typed usage error, never a crash', async () => {
    const outcomes = { tree: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(broken, nasty), async (q) => {
        const r = await returnsOrTypedError(() => parseQuery(q));
        if (r instanceof LitkitError) {
          expect(r.exitCode).toBe(2);
          outcomes.refused++;
        } else {
          expect(r).toHaveProperty('kind');
          outcomes.tree++;
        }
      }),
      { numRuns: 1500 },
    );
    // The generator reaches both sides, so the property is about something.
    expect(outcomes.tree).toBeGreaterThan(100);
    expect(outcomes.refused).toBeGreaterThan(100);
  });
});

describe('the record parsers on arbitrary exports', () => {
  it('RIS: reads or reports every record, never a crash', async () => {
    const tag = fc.constantFrom('TY', 'TI', 'T1', 'AU', 'A1', 'PY', 'Y1', 'DO', 'AB', 'JO', 'KW', 'UR', 'ER', 'XX', 'ty', '');
    const line = fc.oneof({ weight: 4, arbitrary: fc.tuple(tag, fc.constantFrom('  - ', ' - ', '  -', '-'), value).map(([t, sep, v]) => `${t}${sep}${v}`) }, { weight: 1, arbitrary: nasty });
    // Records as exports write them (TY first, TI among the fields, ER last), each part sometimes lost.
    const record = fc
      .tuple(fc.option(fc.constantFrom('TY  - JOUR', 'TY  - BOOK', 'TY  - ')), value.map((v) => `TI  - ${v}`), fc.array(line, { maxLength: 8 }), fc.option(fc.constant('ER  - '), { freq: 5 }))
      .map(([ty, ti, rest, er]) => [ty, ti, ...rest, er].filter((l): l is string => l !== null));
    const file = fc
      .tuple(fc.array(fc.oneof({ weight: 4, arbitrary: record }, { weight: 1, arbitrary: fc.array(line, { maxLength: 5 }) }), { maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
      .map(([records, eol, bom]) => `${bom ? '\ufeff' : ''}${records.flat().join(eol)}`);
    expect(await recordsRead(file, parseRis, 800)).toBeGreaterThan(0);
  });

  it('BibTeX: reads or reports every entry, never a crash', async () => {
    const field = fc.tuple(fc.constantFrom('title', 'author', 'year', 'doi', 'journal', 'abstract', 'keywords', 'url', 'note', 'x'), value, fc.constantFrom(['{', '}'], ['"', '"'], ['', ''])).map(([k, v, [open, close]]) => `  ${k} = ${open}${v}${close}`);
    const title = fc.option(value.map((v) => `  title = {${v}}`), { freq: 6 });
    const entry = fc
      .tuple(fc.constantFrom('article', 'article', 'book', 'inproceedings', 'misc', 'string', 'comment', 'preamble', ''), fc.constantFrom('key1', 'a.b', 'k:2', '', 'é'), title, fc.array(field, { maxLength: 5 }), fc.option(fc.constant('}'), { freq: 6 }))
      .map(([type, key, t, fields, close]) => `@${type}{${key},\n${[t, ...fields].filter((f) => f !== null).join(',\n')}\n${close ?? ''}`);
    const file = fc.array(fc.oneof({ weight: 4, arbitrary: entry }, { weight: 1, arbitrary: nasty }), { maxLength: 5 }).map((parts) => parts.join('\n\n'));
    expect(await recordsRead(file, parseBibtex, 150)).toBeGreaterThan(0);
  });

  it('CSV: a quote left open is a problem on its line, not a raw csv-parse error (found by the property below)', () => {
    expect(parseTabular('title,year\nFine,2020\n"Open quote,2021\n')).toEqual({ records: [], problems: [{ line: 3, message: expect.stringMatching(/^not readable as CSV: Quote Not Closed/) }] });
  });

  it('CSV and TSV: reads or reports every row, never a crash', async () => {
    const header = fc.uniqueArray(fc.constantFrom('title', 'Title', 'TI', 'abstract', 'authors', 'Author', 'year', 'Publication Year', 'doi', 'DOI', 'journal', 'keywords', 'record_id', 'label_included', '', 'x'), { minLength: 1, maxLength: 6 });
    const cell = value.map((v) => (/[",;\t\n\r]/.test(v) && v.length % 2 === 0 ? `"${v.replace(/"/g, '""')}"` : v));
    const file = fc
      .tuple(header, fc.constantFrom(',', ';', '\t'), fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
      .map(([cols, sep, rows, eol, bom]) => `${bom ? '\ufeff' : ''}${[cols.join(sep), ...rows.map((r) => r.join(sep))].join(eol)}`);
    expect(await recordsRead(fc.oneof({ weight: 5, arbitrary: file }, { weight: 1, arbitrary: nasty }), parseTabular, 600)).toBeGreaterThan(0);
  });
});

describe('the framework loader on arbitrary YAML', () => {
  let dir: string;
  let db: Db;
  beforeAll(() => {
    dir = tempDir('litkit-fw-prop-');
    db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Mostly what a framework holds, and now and then a missing, mistyped or nasty field instead. */
  const scalar = fc.oneof(value, fc.integer(), fc.boolean(), fc.constant(null));
  const maybe = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: scalar });
  const word = fc.constantFrom('racism', 'fear of reprisal', 'promotion', 'staff', 'é', 'ＡＮＤ');
  const rules = fc.record(
    {
      keywords: maybe(fc.array(word, { minLength: 1, maxLength: 3 })),
      phrases: maybe(fc.array(word, { maxLength: 2 })),
      regex: maybe(fc.array(fc.constantFrom('retaliat\\w+', '\\bfear\\b', '(', '[a-', '(a+)+$'), { maxLength: 2 })),
      proximity: maybe(fc.constant([{ near: ['fear', 'reprisal'], within: 3 }])),
    },
    { requiredKeys: [] },
  );
  const code = fc.letrec<{ code: Record<string, unknown> }>((tie) => ({
    code: fc.record(
      {
        id: maybe(fc.constantFrom('racism', 'employment', 'employment.promotion', 'a-b', 'fear', 'staff.grade', 'x1', 'Bad Id')),
        label: maybe(word),
        definition: value,
        rules: maybe(rules),
        children: fc.oneof({ depthSize: 'small' }, fc.constant([]), fc.array(tie('code'), { maxLength: 2 })),
      },
      { requiredKeys: ['id', 'label'] },
    ),
  })).code;
  const framework = fc.record(
    { id: maybe(fc.constant('prop')), title: maybe(fc.constant('Property test')), version: maybe(fc.integer({ min: 1, max: 9 })), codes: maybe(fc.array(code, { minLength: 1, maxLength: 3 })) },
    { requiredKeys: ['id', 'title', 'version', 'codes'] },
  );
  const text = fc.oneof({ weight: 4, arbitrary: framework.map((f) => stringify(f)) }, { weight: 1, arbitrary: nasty }, { weight: 1, arbitrary: fc.constantFrom('codes: [', 'id: a\nid: b\n', '- a\n- b', 'a: &x [*x]', '? complex\n: key', '%YAML 9.9\n---\n') });

  it('checks, parses and loads, or reports problems with a line and column, never a crash', async () => {
    const outcomes = { loaded: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(text, async (yaml) => {
        const checked = checkFramework(yaml);
        for (const p of checked.problems) expect(p.line >= 1 && p.column >= 1 && !p.message.includes('\n')).toBe(true);
        const parsed = await returnsOrTypedError(() => parseFramework(yaml, 'framework.yaml'));
        expect(parsed instanceof LitkitError).toBe(!checked.framework);
        if (parsed instanceof LitkitError) {
          expect(parsed.line()).toMatch(/^litkit: framework\.yaml: line \d+, column \d+: /);
          outcomes.refused++;
          return;
        }
        const loaded = await returnsOrTypedError(() => db.transaction(() => loadFramework(db, parsed, yaml, { force: true })));
        if (!(loaded instanceof LitkitError)) outcomes.loaded++;
      }),
      { numRuns: 400 },
    );
    expect(outcomes.loaded).toBeGreaterThan(10); // about 28 in 400 load
    expect(outcomes.refused).toBeGreaterThan(50);
  });
});
