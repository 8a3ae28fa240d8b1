import path from 'node:path';
import { InputError, UsageError } from '../../errors.js';
import { readTextFile } from '../ingest/decode.js';
import { cleanField, stripControls } from '../render/escape.js';
import { audit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { parseBibtex } from './bibtex.js';
import { parseMedline } from './medline.js';
import { parseRis } from './ris.js';
import { parseTabular, type ColumnMap } from './tabular.js';
import type { ParsedRecords, RecordProblem } from './types.js';

export type RecordFormat = 'ris' | 'medline' | 'bibtex' | 'csv';

export interface ImportResult {
  source: number;
  name: string;
  file: string;
  format: RecordFormat;
  imported: number;
  problems: RecordProblem[];
}

/** The format of an export: by extension, else by content (RIS tags, BibTeX entries). */
function detect(file: string, text: string): RecordFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.ris') return 'ris';
  if (ext === '.nbib' || ext === '.medline') return 'medline';
  if (/^PMID- /m.test(text.slice(0, 2000))) return 'medline';
  if (ext === '.bib' || ext === '.bibtex') return 'bibtex';
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (/^\s*(\d+\.\s*)?TY {2}-/m.test(text.slice(0, 2000))) return 'ris';
  if (/^\s*@\w+\s*\{/m.test(text)) return 'bibtex';
  throw new InputError('E_UNSUPPORTED', 'not a RIS, MEDLINE, BibTeX, CSV or TSV export (say which with --format)', file);
}

/**
 * Imports a database export as one source (for PRISMA's identification counts), in one
 * transaction. Malformed records are returned as problems with their line; the rest import.
 */
export async function importRecords(db: Db, file: string, options: { source: string; format?: RecordFormat; columns?: ColumnMap }): Promise<ImportResult> {
  if (!options.source.trim()) throw new UsageError('E_USAGE', '--source names the database the records come from');
  const text = readTextFile(file);
  const format = options.format ?? detect(file, text);
  const parsed: ParsedRecords =
    format === 'ris' ? parseRis(text)
    : format === 'medline' ? parseMedline(text)
    : format === 'bibtex' ? await parseBibtex(text)
    : parseTabular(text, options.columns);
  if (!parsed.records.length && !parsed.problems.length) throw new InputError('E_EMPTY', `no records found in this ${format} file`, file);
  const source = db.transaction(() => {
    const s = Number(
      db.sql
        .prepare('INSERT INTO record_sources (name, file, format, imported_at, records, failed) VALUES (?, ?, ?, ?, ?, ?)')
        .run(options.source.trim(), path.resolve(file), format, new Date().toISOString(), parsed.records.length, parsed.problems.length).lastInsertRowid,
    );
    const insert = db.sql.prepare(`INSERT INTO records (source_id, source_line, type, title, abstract, authors, year, doi, pmid, journal, keywords, url)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const r of parsed.records) {
      // Titles and abstracts are shown on terminals and written to reports: no control characters.
      insert.run(s, r.line, r.type ?? null, cleanField(r.title), r.abstract ? stripControls(r.abstract) : null, JSON.stringify(r.authors.map(cleanField)), r.year ?? null, r.doi ?? null, r.pmid ?? null, r.journal ? cleanField(r.journal) : null, JSON.stringify(r.keywords), r.url ?? null);
    }
    audit(db, 'litkit', 'records.import', options.source, { file: path.resolve(file), records: parsed.records.length, problems: parsed.problems.length });
    return s;
  });
  return { source, name: options.source.trim(), file, format, imported: parsed.records.length, problems: parsed.problems };
}
