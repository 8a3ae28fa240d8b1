import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codedDemoProject, litkit, litkitJson } from '../helpers.js';

interface Excerpt {
  segmentId: number;
  documentId: number;
  text: string;
  codes: string[];
  coders: string[];
  citation: string;
}
interface Result {
  total: number | null;
  more: boolean;
  excerpts: Excerpt[];
}
interface Doc {
  id: number;
  sourcePath: string;
  attributes: Record<string, string>;
}
interface Matrix {
  rows: string[];
  columns: string[];
  cells: number[][];
  rowTotals: number[];
  columnTotals: number[];
  total: number;
}

describe('querying the coded demo corpus', () => {
  let project: string;
  let docs: Doc[];
  const run = async (args: string[]) => await litkit(args, { cwd: project });
  const json = async <T>(args: string[]) => (await litkitJson<T>(args, { cwd: project })).data;
  const query = async (q: string, ...more: string[]) => await json<Result>(['query', q, '--limit', '1000', '--count', ...more]);
  const docOf = (name: string) => docs.find((d) => path.basename(d.sourcePath) === name)!;

  beforeAll(async () => {
    project = codedDemoProject();
    docs = await json<Doc[]>(['docs', 'list']);
  }, 120_000);
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  it("selects a speaker's turns in transcripts: P4 speaks twice in the headquarters focus group", async () => {
    const r = await query('speaker:P4');
    expect(r.excerpts.map((e) => e.text)).toEqual([
      expect.stringMatching(/^P4: I filed a complaint of racial harassment two years ago\./),
      'P4: Protect people who speak up. Without that, nothing else will work.',
    ]);
    expect((await query('speaker:P4 AND employment.grievance')).total).toBe(2);
  });

  it('combines codes, text and attributes as the expression says', async () => {
    const policies = new Set(docs.filter((d) => d.attributes.type === 'policy').map((d) => d.id));
    const r = await query('employment.promotion AND (intersectionality.gender OR race) AND doc.type = policy AND doc.year >= 2018');
    expect(r.total).toBeGreaterThan(0);
    for (const e of r.excerpts) {
      expect(policies.has(e.documentId)).toBe(true);
      expect(e.codes).toContain('employment.promotion');
      expect(e.codes.some((c) => c === 'intersectionality.gender' || c === 'race')).toBe(true);
    }
    // The 2019 mobility policy speaks of promotion but is too old; the 2020 promotion policy is not.
    expect(r.excerpts.some((e) => e.documentId === docOf('mobility-rotation-policy-2019.pdf').id)).toBe(false);
    expect(r.excerpts.some((e) => e.documentId === docOf('promotion-career-progression-policy-2020.pdf').id)).toBe(true);
    const recent = await query('employment.promotion AND doc.year >= 2021');
    expect(recent.total).toBeGreaterThan(0);
    expect(recent.excerpts.every((e) => !/\(20(19|20)\)/.test(e.citation))).toBe(true);
    const excluded = await query('race AND NOT doc.type = policy');
    expect(excluded.total).toBeGreaterThan(0);
    expect(excluded.excerpts.every((e) => !policies.has(e.documentId))).toBe(true);
    expect(excluded.total! + (await query('race AND doc.type = policy')).total!).toBe((await query('race')).total);
  });

  it('treats a code as itself with its sub-codes, and code.* as the sub-codes only', async () => {
    const withChildren = (await query('racism')).total!;
    expect(withChildren).toBe((await query('racism.structural OR racism.interpersonal OR (racism AND NOT racism.*)')).total);
    const ownOnly = (await json<{ code: string; excerpts: number }[]>(['table', 'codes', '--codes', 'racism'])).find((c) => c.code === 'racism')!.excerpts;
    expect(withChildren).toBeGreaterThan(ownOnly);
    expect((await query('racism.*')).total).toBe((await query('racism.structural OR racism.interpersonal')).total);
  });

  it('finds codes near each other: NEAR/0 is the same segment', async () => {
    expect((await query('intersectionality.disability NEAR/0 employment.recruitment')).total).toBe((await query('intersectionality.disability AND employment.recruitment')).total);
    const near = await query('intersectionality.disability NEAR/2 employment.recruitment');
    expect(near.total!).toBeGreaterThan((await query('intersectionality.disability AND employment.recruitment')).total!);
    expect(near.excerpts.every((e) => e.codes.includes('intersectionality.disability') || e.codes.includes('employment.recruitment'))).toBe(true);
  });

  it('agrees with full-text search on text: atoms', async () => {
    const hits = (await litkitJson<{ segmentId: number }[]>(['search', '"reasonable accommodation"', '--limit', '100'], { cwd: project })).data;
    expect((await query('text:"reasonable accommodation"')).excerpts.map((e) => e.segmentId).sort()).toEqual(hits.map((h) => h.segmentId).sort());
  });

  it('restricts codes to a coder inside an AND group', async () => {
    const promo = docOf('promotion-career-progression-policy-2020.pdf');
    await run(['code', 'add', 'employment.promotion', '--doc', String(promo.id), '--quote', 'were promoted more slowly', '--coder', 'amina']);
    const mine = await query('employment.promotion AND coder:amina');
    expect(mine.total).toBe(1);
    expect(mine.excerpts[0]!.text).toContain('were promoted more slowly');
    expect((await query('coder:amina')).total).toBe(1);
    expect((await query('employment.promotion')).total).toBeGreaterThan(1);
  });

  it('never lets user text into SQL', async () => {
    const before = (await query('race')).total;
    for (const q of [`doc.type = "policy' OR 1=1 --"`, `text:'x") OR 1=1; DROP TABLE segments; --'`, `doc.type in ("a'); DROP TABLE codings; --", b)`, 'speaker:"x%\' OR \'1\'=\'1"']) {
      const r = await litkitJson<Result>(['query', q], { cwd: project });
      expect(r.code, q).toBe(0);
      expect(r.data.excerpts, q).toEqual([]);
    }
    // Nothing was dropped or changed: the same excerpts are coded race as before.
    expect(before).toBeGreaterThan(0);
    expect((await query('race')).total).toBe(before);
  });

  it('shows a syntax error with the expression and a caret, exit 2', async () => {
    const r = await run(['query', 'race AND (doc.type = policy']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('litkit: query syntax error at column 28: expected ")" (E_QUERY_SYNTAX)\n  race AND (doc.type = policy\n                             ^\n');
  });

  it('prints excerpts as Markdown and CSV with their citations', async () => {
    const md = (await run(['query', 'speaker:P4', '--format', 'md'])).stdout;
    expect(md).toContain('| citation | codes | coders | excerpt |');
    expect(md).toMatch(/\| Focus group discussion 2: Headquarters staff \(2023\), para\. \d+, P4 \|/);
    const csv = (await run(['query', 'speaker:P4', '--format', 'csv'])).stdout.trim().split('\n');
    expect(csv[0]).toBe('citation,codes,coders,excerpt');
    expect(csv).toHaveLength(3);
  });

  it('builds a codes × attribute matrix whose totals add up and whose cells match the codings', async () => {
    const m = await json<Matrix>(['table', 'matrix', '--rows', 'employment.*', '--cols', 'attr:type']);
    expect(m.columns).toEqual(['literature', 'policy', 'report', 'survey', 'transcript']);
    m.cells.forEach((row, i) => expect(row.reduce((a, b) => a + b, 0)).toBe(m.rowTotals[i]));
    m.columns.forEach((_, j) => expect(m.cells.reduce((a, r) => a + r[j]!, 0)).toBe(m.columnTotals[j]));
    expect(m.rowTotals.reduce((a, b) => a + b, 0)).toBe(m.total);
    expect(m.columnTotals.reduce((a, b) => a + b, 0)).toBe(m.total);
    const i = m.rows.indexOf('employment.promotion');
    const j = m.columns.indexOf('policy');
    expect(m.cells[i]![j]).toBe((await query('employment.promotion AND doc.type = policy')).total);
  });

  it('counts documents per cell with --count documents, and co-occurrence within a window', async () => {
    const byDocs = await json<Matrix>(['table', 'matrix', '--rows', 'race', '--cols', 'docs', '--count', 'documents']);
    expect(byDocs.cells[0]!.every((n) => n === 0 || n === 1)).toBe(true);
    expect(byDocs.cells[0]!.some((n) => n === 1)).toBe(true);
    const same = await json<Matrix>(['table', 'cooccurrence', '--codes', 'intersectionality.*']);
    const wide = await json<Matrix>(['table', 'cooccurrence', '--codes', 'intersectionality.*', '--window', '3']);
    const g = same.rows.indexOf('intersectionality.gender');
    expect(same.cells[g]![g]).toBe((await query('intersectionality.gender')).total); // the diagonal: the code's own segments
    for (let a = 0; a < same.rows.length; a++) for (let b = 0; b < same.rows.length; b++) expect(wide.cells[a]![b]!).toBeGreaterThanOrEqual(same.cells[a]![b]!);
    const d = same.rows.indexOf('intersectionality.disability');
    expect(same.cells[g]![d]).toBe((await query('intersectionality.gender AND intersectionality.disability')).total);
  });

  it('writes tables to xlsx with a frozen, filterable header row', async () => {
    const file = path.join(project, 'codes.xlsx');
    expect((await run(['table', 'codes', '--out', file])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, 'code', 'label', 'definition', 'excerpts', 'documents', 'coders']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:F1'); // a filter on every column of the header
    const raceRow = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(1).value === 'race')!;
    const race = (await json<{ code: string; excerpts: number }[]>(['table', 'codes', '--codes', 'race']))[0]!;
    expect(raceRow.getCell(4).value).toBe(race.excerpts);
  });

  it('shows keywords in context by stem, aligned, each cited', async () => {
    const lines = await json<{ keyword: string; left: string; citation: string }[]>(['kwic', 'promote']);
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.every((l) => /^promot/i.test(l.keyword))).toBe(true);
    const exact = await json<{ keyword: string }[]>(['kwic', 'promoted', '--exact']);
    expect(exact.length).toBeGreaterThan(0);
    expect(exact.every((l) => l.keyword.toLowerCase() === 'promoted')).toBe(true);
    expect(exact.length).toBeLessThan(lines.length);
    // On a terminal wide enough that nothing is cut, each line holds its citation.
    const text = (await litkit(['kwic', 'retaliation', '--width', '30'], { cwd: project, env: { COLUMNS: '200' } })).stdout.split('\n').filter((l) => l.includes(', p.') || l.includes(', para.'));
    expect(text.length).toBeGreaterThan(3);
    for (const l of text) expect(l.slice(32, 43).toLowerCase()).toBe('retaliation'); // aligned after 30 characters and two spaces
  });

  it('counts words and bigrams without stop words, within a code', async () => {
    const words = await json<{ segments: number; terms: { term: string; count: number }[] }>(['freq', '--limit', '50']);
    expect(words.terms.map((t) => t.term)).not.toContain('the');
    expect(words.terms.map((t) => t.term)).toContain('staff');
    const bigrams = await json<{ terms: { term: string }[] }>(['freq', '--code', 'employment.promotion', '--ngram', '2', '--limit', '5']);
    expect(bigrams.terms.map((t) => t.term)).toContain('career progression');
  });

  it('maps how sources define terms, with source and page', async () => {
    const defs = await json<{ term: string; definition: string; citation: string; pattern: string }[]>(['definitions', 'race', 'structural racism', 'reasonable accommodation']);
    expect(defs).toContainEqual(expect.objectContaining({ term: 'race', pattern: 'refers to', definition: expect.stringMatching(/^Race refers to a social construct/) }));
    const structural = defs.filter((d) => d.term === 'structural racism').map((d) => d.citation);
    expect(structural).toEqual(expect.arrayContaining([expect.stringMatching(/^Glossary of Terms .*, para\. \d+$/), expect.stringMatching(/^Structural Racism in International .*, para\. \d+$/)]));
    expect(defs.filter((d) => d.term === 'reasonable accommodation').map((d) => d.definition)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Reasonable accommodation means necessary and appropriate modification/)]),
    );
  });
});
