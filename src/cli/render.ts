import { Flags } from '@oclif/core';
import { claimOutput, writeOutput } from '../core/render/outputs.js';
import type { Db } from '../core/store/db.js';
import { formatFromPath, showing, TABLE_EXTENSIONS, TABLE_FORMATS, writeTable, type Table, type TableFormat } from '../core/tables/index.js';
import { UsageError } from '../errors.js';

/** --force, for every command that writes a file with --out. */
export const forceFlag = Flags.boolean({ description: 'Replace the --out file even if litkit did not write it or it was changed since.' });

/** --format, --out, --force and the --csv alias, shared by every command that lists rows. */
export const tableFlags = {
  format: Flags.string({ description: 'Output format (default: from the --out extension, else table). json prints what --json does.', options: [...TABLE_FORMATS] }),
  out: Flags.string({ char: 'o', description: 'Write to this file instead of the terminal (.txt, .md, .csv, .json, .jsonl, .xlsx or .docx); says "Wrote FILE (N rows)" on stderr.' }),
  force: forceFlag,
  csv: Flags.boolean({ description: 'Same as --format csv.', exclusive: ['format'] }),
};

export interface TableFlagValues {
  format?: string;
  out?: string;
  force?: boolean;
  csv?: boolean;
}

/** What a command needs to print a table: oclif's Command has all three. */
interface Printer {
  log(message?: string): void;
  logToStderr(message?: string): void;
  jsonEnabled(): boolean;
}

/**
 * Columns a terminal table may fill: the terminal's width, else COLUMNS, else 100 when the output
 * is piped (wide enough for a citation and a readable excerpt, and what most editors show).
 */
export function terminalWidth(): number {
  if (process.stdout.isTTY && process.stdout.columns) return process.stdout.columns;
  const env = Number(process.env.COLUMNS);
  return Number.isInteger(env) && env > 20 ? env : 100;
}

/** The format asked for: --csv, else --format, else the --out extension, else the terminal table. */
export function tableFormat(flags: TableFlagValues): TableFormat {
  if (flags.csv) return 'csv';
  if (flags.format) return flags.format as TableFormat;
  return flags.out ? formatFromPath(flags.out) : 'table';
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * Prints a table as asked, or writes it to --out (checked by `claimOutput`: never over the project
 * database, an extension that fits the format, no replacing of files litkit did not write unless
 * --force) and says "Wrote FILE (N rows)" on stderr, so stdout stays clean for pipes. A capped
 * listing says "showing N of M": under a terminal or Markdown table, on stderr for data formats.
 * `data` is the command's result, which --format json prints as --json does; `empty` is said
 * instead of an empty terminal table.
 */
export async function emitTable(cmd: Printer, db: Db | undefined, flags: TableFlagValues, table: Table, options: { data?: unknown; empty?: string } = {}): Promise<void> {
  const { data, empty } = options;
  const format = tableFormat(flags);
  const capped = showing(table);
  if (!flags.out) {
    if (cmd.jsonEnabled()) return;
    if (format === 'table' && empty !== undefined && table.rows.length === 0) return cmd.log(empty);
    if (format === 'xlsx' || format === 'docx') throw new UsageError('E_USAGE', `${format} is a binary format: give --out FILE.${format}`);
    cmd.log((await writeTable(table, format, { width: terminalWidth(), data })).toString().trimEnd());
    if (capped && format !== 'table' && format !== 'md') cmd.logToStderr(`litkit: ${capped}`);
    return;
  }
  claimOutput(db, flags.out, TABLE_EXTENSIONS[format], { force: flags.force });
  await writeOutput(db, flags.out, await writeTable(table, format, { width: terminalWidth(), data }));
  cmd.logToStderr(`Wrote ${flags.out} (${plural(table.rows.length, 'row')}${capped ? `, ${capped}` : ''})`);
}
