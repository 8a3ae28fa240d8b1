import { parse } from 'csv-parse/sync';
import { InputError } from '../../../errors.js';
import { decodeText } from '../../text/decode.js';
import { checkZipLimits, type ZipLimits } from './zip-limits.js';

/** A survey export as read: the header row and the answer rows, every cell as text. */
export interface SurveyTable {
  headers: string[];
  rows: string[][];
}

/** Bounds on what a survey file may hold, so a runaway export fails clearly instead of filling memory. */
export const SURVEY_LIMITS = { maxRows: 200_000, maxColumns: 1_000, maxCellChars: 32_000 };

function bounded(file: string, headers: string[], rows: string[][]): SurveyTable {
  if (!headers.length || headers.every((h) => !h.trim())) throw new InputError('E_SURVEY_EMPTY', 'no header row: the first row must name the columns', file);
  if (headers.length > SURVEY_LIMITS.maxColumns) throw new InputError('E_TOO_LARGE', `${headers.length} columns, over the limit of ${SURVEY_LIMITS.maxColumns}`, file);
  if (rows.length > SURVEY_LIMITS.maxRows) throw new InputError('E_TOO_LARGE', `${rows.length} rows, over the limit of ${SURVEY_LIMITS.maxRows}`, file);
  const seen = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = h.trim().toLowerCase();
    if (!key) throw new InputError('E_SURVEY_HEADER', `column ${i + 1} has no name in the header row`, file);
    if (seen.has(key)) throw new InputError('E_SURVEY_HEADER', `columns ${seen.get(key)! + 1} and ${i + 1} are both named "${h.trim()}"`, file);
    seen.set(key, i);
  });
  rows.forEach((r, i) => {
    const long = r.findIndex((c) => c.length > SURVEY_LIMITS.maxCellChars);
    if (long >= 0) throw new InputError('E_TOO_LARGE', `row ${i + 2}, column "${headers[long]}": ${r[long]!.length} characters, over the limit of ${SURVEY_LIMITS.maxCellChars}`, file);
  });
  // Headers become question ids, attribute keys and printed lines: no control characters.
  return { headers: headers.map((h) => h.replace(/[\p{Cc}\p{Cf}]/gu, ' ').replace(/\s+/g, ' ').trim()), rows: rows.filter((r) => r.some((c) => c.trim())) };
}

/** The delimiter of a CSV export: the one of , ; and tab that the header line uses most. */
function delimiter(text: string): string {
  const first = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  return [',', ';', '\t'].map((d) => [d, first.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
}

/** A CSV export (UTF-8, UTF-16 or Windows-1252; comma, semicolon or tab separated). */
export function readSurveyCsv(data: Uint8Array, file: string): SurveyTable {
  const { text } = decodeText(data);
  let records: string[][];
  try {
    records = parse(text, { delimiter: delimiter(text), bom: true, relax_quotes: true, skip_empty_lines: true, to_line: SURVEY_LIMITS.maxRows + 2 }) as string[][];
  } catch (err) {
    throw new InputError('E_SURVEY_CSV', `not a readable CSV: ${(err as Error).message}`, file);
  }
  const [headers = [], ...rows] = records;
  return bounded(file, headers, rows);
}

/** The text of an Excel cell as the sheet shows it (rich text joined, a formula's result, a link's text). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
  if (v.richText) return v.richText.map((r) => r.text).join('');
  if (v.text !== undefined) return cellText(v.text);
  if (v.result !== undefined) return cellText(v.result);
  return v.error ?? '';
}

/** The first worksheet of an Excel workbook; the ZIP's declared sizes are checked before it is opened. */
export async function readSurveyXlsx(data: Uint8Array, file: string, limits: ZipLimits): Promise<SurveyTable> {
  checkZipLimits(data, file, limits);
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ArrayBuffer);
  } catch (err) {
    throw new InputError('E_CORRUPT', `not a readable XLSX workbook (${(err as Error).message})`, file);
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new InputError('E_SURVEY_EMPTY', 'the workbook has no worksheet', file);
  const width = Math.min(sheet.columnCount, SURVEY_LIMITS.maxColumns + 1);
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    if (n > SURVEY_LIMITS.maxRows + 2) return;
    grid[n - 1] = Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1).value));
  });
  const rows = Array.from(grid, (r) => r ?? Array.from({ length: width }, () => ''));
  const [headers = [], ...rest] = rows;
  // Trailing header cells left empty are formatting, not columns.
  let used = headers.length;
  while (used > 0 && !headers[used - 1]!.trim()) used--;
  return bounded(file, headers.slice(0, used), rest.map((r) => r.slice(0, used)));
}
