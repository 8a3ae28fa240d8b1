import path from 'node:path';
import { Flags } from '@oclif/core';
import { escapeMarkdown, spreadsheetCell } from '../core/render/escape.js';
import { claimOutput, OutputError, writeOutput } from '../core/render/outputs.js';
import type { Db } from '../core/store/db.js';
import { UsageError } from '../errors.js';
import { formatCsv, formatTable, type Cell } from './output.js';

export const FORMATS = ['table', 'md', 'csv', 'json', 'xlsx', 'docx'] as const;
export type Format = (typeof FORMATS)[number];

/** The file extensions each format is written to. */
const EXTENSIONS: Record<Format, string[]> = {
  table: ['.txt'],
  md: ['.md', '.markdown'],
  csv: ['.csv'],
  json: ['.json'],
  xlsx: ['.xlsx'],
  docx: ['.docx'],
};

/** --force, for every command that writes a file with --out. */
export const forceFlag = Flags.boolean({ description: 'Replace the --out file even if litkit did not write it or it was changed since.' });

/** --format, --out and --force, shared by every command that prints a table. */
export const tableFlags = {
  format: Flags.string({ description: 'Output format (default: from --out, else table).', options: [...FORMATS] }),
  out: Flags.string({ char: 'o', description: 'Write to this file instead of the terminal (.md, .csv, .json, .xlsx, .docx, or .txt for the plain table).' }),
  force: forceFlag,
};

/** A table to render: a header, rows, and an optional title (sheet name, Markdown caption). */
export interface TableData {
  title?: string;
  header: string[];
  rows: Cell[][];
}

function formatOf(flags: { format?: string; out?: string }): Format {
  if (flags.format) return flags.format as Format;
  if (!flags.out) return 'table';
  const ext = path.extname(flags.out).toLowerCase();
  const format = FORMATS.find((f) => EXTENSIONS[f].includes(ext));
  if (!format) throw new OutputError(flags.out, `litkit cannot write a table as ${ext || 'a file without an extension'}; give a name ending in .md, .csv, .json, .xlsx, .docx or .txt`);
  return format;
}

const mdCell = (c: Cell) => (c === null || c === undefined ? '' : escapeMarkdown(String(c)).replace(/\s+/g, ' '));

/** A table as GFM Markdown; cells are escaped, so their text cannot become markup. */
export function formatMarkdown(t: TableData): string {
  const numeric = t.header.map((_, i) => t.rows.some((r) => typeof r[i] === 'number') && t.rows.every((r) => typeof r[i] === 'number' || r[i] === null || r[i] === undefined || r[i] === ''));
  const lines = [`| ${t.header.map(mdCell).join(' | ')} |`, `|${numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`];
  for (const r of t.rows) lines.push(`| ${r.map(mdCell).join(' | ')} |`);
  return `${t.title ? `**${escapeMarkdown(t.title)}**\n\n` : ''}${lines.join('\n')}`;
}

/** A workbook with a frozen, filterable header row and fitted column widths (exceljs). */
async function xlsxBuffer(t: TableData): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'litkit';
  const sheet = String(spreadsheetCell(t.title ?? 'litkit')).replace(/[\\/?*[\]:']/g, ' ').trim().slice(0, 31) || 'litkit';
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(t.header.map(spreadsheetCell));
  ws.getRow(1).font = { bold: true };
  for (const r of t.rows) ws.addRow(r.map(spreadsheetCell));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.header.length } };
  ws.columns.forEach((col, i) => {
    const longest = Math.max(t.header[i]!.length, ...t.rows.map((r) => String(r[i] ?? '').length));
    col.width = Math.min(80, Math.max(8, longest + 2));
    if (longest > 80) col.alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The table as the bytes of a file of `format`. */
async function fileContent(format: Format, t: TableData, json: unknown, maxWidth: number): Promise<string | Buffer> {
  switch (format) {
    case 'xlsx':
      return xlsxBuffer(t);
    case 'docx': {
      const { markdownToDocx } = await import('../core/render/docx.js');
      return markdownToDocx(`# ${escapeMarkdown(t.title ?? 'Table')}\n\n${formatMarkdown({ ...t, title: undefined })}\n`, { title: t.title ?? 'Table' });
    }
    case 'json':
      return `${JSON.stringify(json, null, 2)}\n`;
    case 'csv':
      return `${formatCsv(t.header, t.rows)}\n`;
    case 'md':
      return `${formatMarkdown(t)}\n`;
    default:
      return `${formatTable(t.header, t.rows, maxWidth)}\n`;
  }
}

/**
 * Renders a table as asked: to the terminal, or to --out (checked by `claimOutput`: never the
 * project database, an extension that fits the format, no overwriting of files litkit did not
 * write unless --force). Returns what to print, or undefined when it wrote a file.
 */
export async function renderTable(db: Db, flags: { format?: string; out?: string; force?: boolean }, t: TableData, json: unknown, maxWidth = 60): Promise<string | undefined> {
  const format = formatOf(flags);
  if (!flags.out) {
    if (format === 'xlsx' || format === 'docx') throw new UsageError('E_USAGE', `${format} is a binary format: give --out FILE.${format}`);
    return (await fileContent(format, t, json, maxWidth)).toString().trimEnd();
  }
  claimOutput(db, flags.out, EXTENSIONS[format], { force: flags.force });
  await writeOutput(db, flags.out, await fileContent(format, t, json, maxWidth));
  return undefined;
}
