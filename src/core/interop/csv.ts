import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null | undefined;

/**
 * A cell that a spreadsheet would run as a formula (starting with = + - @, or a tab or carriage
 * return before one) gets a leading apostrophe, as OWASP advises for CSV exports; numbers stay numbers.
 */
export function csvCell(c: CsvCell): string | number {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return c;
  return /^[=+\-@\t\r]/.test(c) ? `'${c}` : c;
}

/** Rows as RFC 4180 CSV with a header row, formula-like cells neutralised. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return stringify([header, ...rows.map((r) => r.map(csvCell))]).trimEnd();
}
