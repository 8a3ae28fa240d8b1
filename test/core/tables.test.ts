import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { columns, formatFromPath, showing, toCsv, toJson, toMarkdown, toTerminal, writeTable, type Table } from '../../src/core/tables/index.js';
import { HAS_SHARED, SHARED } from '../helpers.js';

const CITATION = 'Global Compact for Safe, Orderly and Regular Migration: Progress Declaration of the International Migration Review Forum (2022), p. 12';
const LONG = 'Member States recognise that migrants in vulnerable situations, including women at risk and children, face structural barriers to decent work, '.repeat(3).trim();

/** A table whose cells attack every writer: formulas, terminal escapes, Markdown pipes, CSV quotes and commas, line breaks. */
const hostile = (): Table => ({
  title: '=HYPERLINK("http://evil")|x',
  columns: [...columns('id:id', 'code:key', 'citation:citation', 'excerpt:excerpt', 'count:number'), { label: 'offsets', kind: 'text', detail: true }],
  rows: [
    [1, 'race', CITATION, '=cmd|\'/c calc\'!A0', 3, '0-12'],
    [2, 'racism.structural', 'Report, "quoted" (2021), p. 4', 'a | b | c, with "quotes", commas\nand a line break', 1200, '5-9'],
    [3, 'employment', 'Title \u001b]0;pwned\u0007\u001b[31mred (2020), p. 7', `Old\u000btitle ${LONG}`, 0, '@SUM(A1)'],
  ],
  notes: ['A note | with a pipe'],
  total: 40,
});

describe('the table model', () => {
  it('says "showing N of M" only when a listing was capped', () => {
    expect(showing(hostile())).toBe('showing 3 of 40');
    expect(showing({ ...hostile(), total: 3 })).toBeUndefined();
    expect(showing({ ...hostile(), total: undefined, more: true })).toBe('showing the first 3; more exist');
  });

  it('round-trips through CSV: every column, quotes, commas and line breaks intact, formulas neutralised', () => {
    const rows = parseCsv(toCsv(hostile())) as string[][];
    expect(rows[0]).toEqual(['id', 'code', 'citation', 'excerpt', 'count', 'offsets']);
    expect(rows[1]).toEqual(['1', 'race', CITATION, '\'=cmd|\'/c calc\'!A0', '3', '0-12']);
    expect(rows[2]![3]).toBe('a | b | c, with "quotes", commas\nand a line break');
    expect(rows[3]![5]).toBe('\'@SUM(A1)');
  });

  it('keeps each Markdown cell in its column, escapes markup, drops control characters, and ends with showing N of M and the notes', () => {
    const md = toMarkdown(hostile());
    const lines = md.split('\n').filter((l) => l.startsWith('|'));
    // Split on pipes not escaped with a backslash: each row has the header's five cells (the detail column stays out).
    const cells = lines.map((l) => l.slice(1, -1).split(/(?<!\\)\|/));
    for (const row of cells) expect(row).toHaveLength(5);
    expect(cells[3]![3]!.trim()).toBe('a \\| b \\| c, with "quotes", commas and a line break');
    expect(md).toContain('\\=HYPERLINK');
    expect(md).not.toMatch(/[\u0000-\u0008\u000b\u001b]/);
    expect(md).toContain(CITATION); // the citation is whole
    expect(md).toMatch(/showing 3 of 40\n\nA note \\\| with a pipe$/);
  });

  it('round-trips through JSON with numbers as numbers and the total before the cap', async () => {
    const data = JSON.parse(toJson(hostile())) as { title: string; rows: Record<string, unknown>[]; total: number };
    expect(data.total).toBe(40);
    expect(data.rows).toHaveLength(3);
    expect(data.rows[1]).toMatchObject({ id: 2, code: 'racism.structural', count: 1200, offsets: '5-9' });
    // --format json is the command's own result when it gives one, as --json prints it.
    expect(JSON.parse((await writeTable(hostile(), 'json', { data: [{ a: 1 }] })).toString())).toEqual([{ a: 1 }]);
  });

  it('writes XLSX whose cells read back as written: formulas as text, numbers as numbers, no XML-invalid characters', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeTable(hostile(), 'xlsx')) as Buffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).not.toMatch(/[\\/?*[\]:']/);
    expect(ws.getRow(1).values).toEqual([undefined, 'id', 'code', 'citation', 'excerpt', 'count', 'offsets']);
    expect(ws.getCell('D2').value).toBe('\'=cmd|\'/c calc\'!A0');
    expect(ws.getCell('D2').formula).toBeUndefined();
    expect(ws.getCell('E3').value).toBe(1200);
    expect(ws.getCell('C3').value).toBe('Report, "quoted" (2021), p. 4');
    expect(String(ws.getCell('D4').value)).toMatch(/^Oldtitle Member States/);
  });

  it('writes a DOCX table whose cells hold the text, escaped and valid XML', async () => {
    const zip = await JSZip.loadAsync((await writeTable(hostile(), 'docx')) as Buffer);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain('racism.structural');
    expect(xml).toContain('p. 12');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('at 80 columns shortens the excerpt and wraps the citation, so every line fits and every page number shows', () => {
    const text = toTerminal(hostile(), 80);
    const lines = text.split('\n');
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(80);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u001b]/);
    // The citation column, read down, holds each citation whole.
    const body = text.replace(/\s+/g, ' ');
    expect(body).toContain('(2022), p. 12');
    expect(body).toContain('p. 4');
    expect(body).toContain('red (2020), p. 7');
    expect(text).toContain('…'); // the long excerpt was cut
    expect(text).not.toContain('offsets'); // a detail column stays in files
    expect(text).toContain('racism.structural'); // a code id is never cut
    expect(lines.at(-2)).toBe('showing 3 of 40');
    expect(text).toMatch(/^id {2}code/);
  });

  it('infers the format from the --out extension and refuses one it cannot write', () => {
    expect(formatFromPath('x.XLSX')).toBe('xlsx');
    expect(formatFromPath('notes.markdown')).toBe('md');
    expect(formatFromPath('lines.jsonl')).toBe('jsonl');
    expect(() => formatFromPath('table.pdf')).toThrow(expect.objectContaining({ code: 'E_OUT', exitCode: 2 }));
  });
});

describe.skipIf(!HAS_SHARED)('terminal tables of real passages', () => {
  it('keeps every citation whole at 80 columns for the 176 hand-labelled passages', () => {
    const gold = fs
      .readFileSync(path.join(SHARED, 'coding-gold', 'dev.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; source: string; text: string; codes: string[] });
    expect(gold.length).toBeGreaterThanOrEqual(176);
    const rows = gold.map((g, i) => [g.id, `${g.source}, p. ${i + 1}`, g.codes.join(' '), g.text]);
    const text = toTerminal({ columns: columns('id:key', 'citation:citation', 'codes', 'excerpt:excerpt'), rows }, 80);
    for (const l of text.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
    // Read the citation column down, row by row (a row starts where the id column has text).
    const lines = text.split('\n');
    const spans = [...lines[1]!.matchAll(/-+/g)].map((m) => [m.index!, m.index! + m[0].length] as const);
    const cited: string[] = [];
    for (const l of lines.slice(2, 2 + lines.length)) {
      if (!l.trim() || l.startsWith('showing')) break;
      const piece = l.slice(spans[1]![0], spans[1]![1]).trim();
      if (l.slice(spans[0]![0], spans[0]![1]).trim()) cited.push(piece);
      else cited[cited.length - 1] += piece;
    }
    expect(cited.map((c) => c.replace(/\s+/g, ''))).toEqual(rows.map((r) => String(r[1]).replace(/\s+/g, '')));
  });
});
