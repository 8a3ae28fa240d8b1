import { toCsv } from '../core/interop/csv.js';
import { stripControls } from '../core/render/escape.js';

export type Cell = string | number | null | undefined;

/** Rows as aligned plain-text columns, the header underlined; long cells are cut at `maxWidth`; no control characters reach the terminal. */
export function formatTable(header: string[], rows: Cell[][], maxWidth = 60): string {
  const text = (c: Cell) => {
    const s = c === null || c === undefined ? '' : stripControls(String(c)).replace(/\s+/g, ' ');
    return s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s;
  };
  const cells = rows.map((r) => r.map(text));
  const heads = header.map(text);
  const widths = heads.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(heads), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Rows as RFC 4180 CSV with a header row; cells a spreadsheet would run as formulas are neutralised. */
export function formatCsv(header: string[], rows: Cell[][]): string {
  return toCsv(header, rows);
}
