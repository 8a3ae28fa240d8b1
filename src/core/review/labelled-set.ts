import { parse } from 'csv-parse/sync';
import { InputError, UsageError } from '../../errors.js';
import { readTextFile } from '../text/decode.js';
import { recordText } from './prioritise.js';

/** What a labelled screening set holds: each record's text (title, abstract, keywords) and whether it was included. */
export interface LabelledSet {
  texts: string[];
  labels: boolean[];
}

const INCLUDED = ['1', 'true', 'yes', 'include', 'included'];

/**
 * Reads a labelled screening data set (a CSV with title, abstract, optional keywords and a label
 * column), as `screen simulate` replays it. A set with only includes or only excludes cannot
 * measure anything, so it is refused.
 */
export function readLabelledSet(file: string, labelColumn: string): LabelledSet {
  let rows: Record<string, string>[];
  try {
    rows = parse(readTextFile(file), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError('E_READ', `not a readable CSV: ${(err as Error).message.split('\n')[0]}`, file);
  }
  if (!rows.length || !(labelColumn in rows[0]!)) throw new UsageError('E_USAGE', `no column "${labelColumn}" in ${file}`);
  const texts = rows.map((r) => recordText(r.title ?? '', r.abstract, r.keywords));
  const labels = rows.map((r) => INCLUDED.includes((r[labelColumn] ?? '').trim().toLowerCase()));
  const included = labels.filter(Boolean).length;
  if (!included || included === labels.length) throw new InputError('E_LABELS', `column "${labelColumn}" marks ${included ? 'every' : 'no'} record as included: a simulation needs both`, file);
  return { texts, labels };
}
