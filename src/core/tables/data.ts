import { toCsv as csvOf } from '../interop/csv.js';
import { spreadsheetCell } from '../render/escape.js';
import { cellText, visible, type Table } from './model.js';

/** A table as RFC 4180 CSV with a header row, every column included; cells a spreadsheet would run as formulas are neutralised. */
export function toCsv(t: Table): string {
  const shown = visible(t, true);
  return csvOf(
    shown.map((s) => s.column.label),
    t.rows.map((r) => shown.map((s) => r[s.index])),
  );
}

/** The rows as objects keyed by column label (numbers stay numbers, empty cells null). */
export function toObjects(t: Table): Record<string, string | number | null>[] {
  const shown = visible(t, true);
  return t.rows.map((r) => Object.fromEntries(shown.map((s) => [s.column.label, r[s.index] ?? null])));
}

/** A table as JSON: its title, rows as objects, and the total before any cap. */
export function toJson(t: Table): string {
  return `${JSON.stringify({ title: t.title ?? null, rows: toObjects(t), total: t.total ?? t.rows.length, ...(t.more ? { more: true } : {}) }, null, 2)}\n`;
}

/** One JSON object per line. */
export function toJsonLines(items: unknown[]): string {
  return items.map((x) => `${JSON.stringify(x)}\n`).join('');
}

/** A workbook with one sheet: a frozen, filterable header row, fitted column widths, formula-like cells neutralised (exceljs). */
export async function toXlsx(t: Table): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const shown = visible(t, true);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'litkit';
  // Sheet names cannot hold \ / ? * [ ] : or ' and have at most 31 characters.
  const sheet = String(spreadsheetCell(t.title ?? 'litkit')).replace(/[\\/?*[\]:']/g, ' ').trim().slice(0, 31) || 'litkit';
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(shown.map((s) => spreadsheetCell(s.column.label)));
  ws.getRow(1).font = { bold: true };
  for (const r of t.rows) ws.addRow(shown.map((s) => spreadsheetCell(r[s.index])));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, shown.length) } };
  ws.columns.forEach((col, i) => {
    const longest = Math.max(shown[i]!.column.label.length, ...t.rows.map((r) => cellText(r[shown[i]!.index]).length));
    col.width = Math.min(80, Math.max(8, longest + 2));
    if (longest > 80) col.alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
