import path from 'node:path';
import { escapeMarkdown } from '../render/escape.js';
import { OutputError } from '../render/outputs.js';
import { UsageError } from '../../errors.js';
import { toCsv, toJson, toJsonLines, toObjects, toXlsx } from './data.js';
import { toMarkdown } from './markdown.js';
import type { Table } from './model.js';
import { toTerminal } from './terminal.js';

/** Every format a table is written in; `table` is the aligned plain text of a terminal. */
export const TABLE_FORMATS = ['table', 'md', 'csv', 'json', 'jsonl', 'xlsx', 'docx'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** The file extensions each format is written to. */
export const TABLE_EXTENSIONS: Record<TableFormat, string[]> = {
  table: ['.txt'],
  md: ['.md', '.markdown'],
  csv: ['.csv'],
  json: ['.json'],
  jsonl: ['.jsonl'],
  xlsx: ['.xlsx'],
  docx: ['.docx'],
};

/** The format a file name asks for by its extension; an extension no format writes is an E_OUT error. */
export function formatFromPath(file: string, allowed: readonly TableFormat[] = TABLE_FORMATS): TableFormat {
  const ext = path.extname(file).toLowerCase();
  const format = allowed.find((f) => TABLE_EXTENSIONS[f].includes(ext));
  if (!format) throw new OutputError(file, `litkit cannot write this table as ${ext ? `a ${ext} file` : 'a file without an extension'}; give a name ending in ${allowed.flatMap((f) => TABLE_EXTENSIONS[f]).join(', ')}`);
  return format;
}

export interface WriteOptions {
  /** Terminal width for `table` (default 100). */
  width?: number;
  /**
   * What `json` and `jsonl` write instead of the table's rows: the command's own result, so
   * `--format json` prints exactly what `--json` does.
   */
  data?: unknown;
}

/** A table in `format`: text for the text formats, bytes for XLSX and DOCX. */
export async function writeTable(t: Table, format: TableFormat, options: WriteOptions = {}): Promise<string | Buffer> {
  switch (format) {
    case 'table':
      return `${toTerminal(t, options.width)}\n`;
    case 'md':
      return `${toMarkdown(t)}\n`;
    case 'csv':
      return `${toCsv(t)}\n`;
    case 'json':
      return options.data === undefined ? toJson(t) : `${JSON.stringify(options.data, null, 2)}\n`;
    case 'jsonl':
      return toJsonLines(Array.isArray(options.data) ? options.data : toObjects(t));
    case 'xlsx':
      return toXlsx(t);
    case 'docx': {
      // Loaded only when asked for: the Word writer is large and most listings never need it.
      const { markdownToDocx } = await import('../render/docx.js');
      const title = t.title ?? 'Table';
      return markdownToDocx(`# ${escapeMarkdown(title)}\n\n${toMarkdown({ ...t, title: undefined })}\n`, { title });
    }
    default:
      throw new UsageError('E_USAGE', `unknown table format ${String(format)}`);
  }
}
