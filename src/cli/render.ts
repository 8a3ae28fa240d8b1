import fs from 'node:fs';
import path from 'node:path';
import { Flags } from '@oclif/core';
import { UsageError } from '../errors.js';
import { formatCsv, formatTable, type Cell } from './output.js';

export const FORMATS = ['table', 'md', 'csv', 'json', 'xlsx', 'docx'] as const;
export type Format = (typeof FORMATS)[number];

/** --format and --out, shared by every command that prints a table. */
export const tableFlags = {
  format: Flags.string({ description: 'Output format (default: from --out, else table).', options: [...FORMATS] }),
  out: Flags.string({ char: 'o', description: 'Write to this file instead of the terminal (.md, .csv, .json, .xlsx, .docx).' }),
};

/** A table to render: a header, rows, and an optional title (sheet name, Markdown caption). */
export interface TableData {
  title?: string;
  header: string[];
  rows: Cell[][];
}

function formatOf(flags: { format?: string; out?: string }): Format {
  if (flags.format) return flags.format as Format;
  const ext = flags.out ? path.extname(flags.out).slice(1).toLowerCase() : '';
  if (ext === 'md' || ext === 'markdown') return 'md';
  if (ext === 'csv' || ext === 'json' || ext === 'xlsx' || ext === 'docx') return ext;
  return 'table';
}

const mdCell = (c: Cell) => (c === null || c === undefined ? '' : String(c).replace(/\s+/g, ' ').replace(/\|/g, '\\|'));

export function formatMarkdown(t: TableData): string {
  const numeric = t.header.map((_, i) => t.rows.some((r) => typeof r[i] === 'number') && t.rows.every((r) => typeof r[i] === 'number' || r[i] === null || r[i] === undefined || r[i] === ''));
  const lines = [`| ${t.header.map(mdCell).join(' | ')} |`, `|${numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`];
  for (const r of t.rows) lines.push(`| ${r.map(mdCell).join(' | ')} |`);
  return `${t.title ? `**${t.title}**\n\n` : ''}${lines.join('\n')}`;
}

/** Writes a workbook with a frozen, filterable header row and fitted column widths (exceljs). */
async function writeXlsx(file: string, t: TableData): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'litkit';
  const ws = wb.addWorksheet((t.title ?? 'litkit').replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(t.header);
  ws.getRow(1).font = { bold: true };
  for (const r of t.rows) ws.addRow(r.map((c) => (c === null || c === undefined ? '' : c)));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.header.length } };
  ws.columns.forEach((col, i) => {
    const longest = Math.max(t.header[i]!.length, ...t.rows.map((r) => String(r[i] ?? '').length));
    col.width = Math.min(80, Math.max(8, longest + 2));
    if (longest > 80) col.alignment = { wrapText: true, vertical: 'top' };
  });
  await wb.xlsx.writeFile(file);
}

/**
 * Renders a table as asked: to the terminal, or to --out. Returns what was printed (for the
 * command's log) or undefined when it wrote a file.
 */
export async function renderTable(flags: { format?: string; out?: string }, t: TableData, json: unknown, maxWidth = 60): Promise<string | undefined> {
  const format = formatOf(flags);
  if ((format === 'xlsx' || format === 'docx') && !flags.out) throw new UsageError('E_USAGE', `${format} is a binary format: give --out FILE.${format}`);
  let text: string;
  switch (format) {
    case 'xlsx':
      await writeXlsx(flags.out!, t);
      return undefined;
    case 'docx': {
      const { markdownToDocx } = await import('../core/render/docx.js');
      fs.writeFileSync(flags.out!, await markdownToDocx(`# ${t.title ?? 'Table'}\n\n${formatMarkdown({ ...t, title: undefined })}\n`, { title: t.title ?? 'Table' }));
      return undefined;
    }
    case 'json':
      text = JSON.stringify(json, null, 2);
      break;
    case 'csv':
      text = formatCsv(t.header, t.rows);
      break;
    case 'md':
      text = formatMarkdown(t);
      break;
    default:
      text = formatTable(t.header, t.rows, maxWidth);
  }
  if (flags.out) {
    fs.writeFileSync(flags.out, `${text}\n`);
    return undefined;
  }
  return text;
}
