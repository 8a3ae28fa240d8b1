import { stringify } from 'csv-stringify/sync';
import { spreadsheetCell, type SpreadsheetValue } from '../render/escape.js';

export type CsvCell = SpreadsheetValue;

/**
 * A cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
 * return) gets a leading apostrophe, as OWASP advises for CSV exports; numbers stay numbers. The
 * rule is `spreadsheetCell`'s, shared with the XLSX writer.
 */
export const csvCell: (c: CsvCell) => string | number = spreadsheetCell;

/** Rows as RFC 4180 CSV with a header row, formula-like cells neutralised (header cells too: they can be attribute values). */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return stringify([header.map(csvCell), ...rows.map((r) => r.map(csvCell))]).trimEnd();
}
