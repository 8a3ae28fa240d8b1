import crypto from 'node:crypto';
import path from 'node:path';
import { InputError, UsageError } from '../../errors.js';
import { readTextFile } from '../text/decode.js';
import { cleanField, stripControls } from '../render/escape.js';
import { audit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { parseBibtex } from './bibtex.js';
import { parseEndnoteXml } from './endnote-xml.js';
import { parsePubmedXml } from './pubmed-xml.js';
import { parseWos } from './wos.js';
import { parseMedline } from './medline.js';
import { parseRis } from './ris.js';
import { parseTabular, type ColumnMap } from './tabular.js';
import type { ParsedRecords, RecordProblem } from './types.js';

export const RECORD_FORMATS = ['ris', 'medline', 'bibtex', 'csv', 'endnote-xml', 'pubmed-xml', 'wos', 'covidence', 'rayyan'] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];

export interface ImportResult {
  source: number;
  name: string;
  file: string;
  format: RecordFormat;
  imported: number;
  problems: RecordProblem[];
  /** Set when the same export was imported before: the earlier source's name, and nothing was added. */
  alreadyImportedAs?: string;
}

/**
 * The format of an export, by its content first (exports are often saved as .txt), then by its
 * extension: XML by its root element, tagged formats by their tags, CSV exports of screening tools
 * by their header.
 */
export function detectFormat(file: string, text: string): RecordFormat {
  const head = text.slice(0, 4000).replace(/^\uFEFF/, '');
  if (/<PubmedArticleSet\b|<PubmedArticle\b|<PubmedBookArticle\b/.test(head)) return 'pubmed-xml';
  if (/<xml\b[^>]*>\s*<records\b/.test(head) || (/^\s*<\?xml/.test(head) && /<records>\s*<record>/.test(head))) return 'endnote-xml';
  if (/^PMID- /m.test(head)) return 'medline';
  if (/^\s*(\d+\.\s*)?TY {2}-/m.test(head)) return 'ris';
  if (/^FN (Clarivate|Thomson|ISI)/m.test(head) || (/^PT [A-Z]\s*$/m.test(head) && /^(TI|AU) /m.test(head))) return 'wos';
  if (/^\s*@\w+\s*\{/m.test(head)) return 'bibtex';
  const header = (head.split(/\r?\n/, 1)[0] ?? '').toLowerCase();
  if (/covidence #/.test(header)) return 'covidence';
  if (/^"?key"?[,;\t]/.test(header) && /\btitle\b/.test(header) && (/RAYYAN-/.test(text) || /\bauthors\b/.test(header))) return 'rayyan';
  const ext = path.extname(file).toLowerCase();
  if (ext === '.ris') return 'ris';
  if (ext === '.nbib' || ext === '.medline') return 'medline';
  if (ext === '.bib' || ext === '.bibtex') return 'bibtex';
  if (ext === '.ciw') return 'wos';
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  throw new InputError('E_UNSUPPORTED', 'not a RIS, MEDLINE, PubMed XML, EndNote XML, Web of Science, BibTeX, CSV or TSV export (say which with --format)', file);
}

/**
 * Imports a database export as one source (for PRISMA's identification counts), in one
 * transaction. Malformed records are returned as problems with their line; the rest import.
 */
export async function importRecords(db: Db, file: string, options: { source: string; format?: RecordFormat; columns?: ColumnMap }): Promise<ImportResult> {
  if (!options.source.trim()) throw new UsageError('E_USAGE', '--source names the database the records come from');
  const text = readTextFile(file);
  const format = options.format ?? detectFormat(file, text);
  const sha256 = crypto.createHash('sha256').update(text).digest('hex');
  const earlier = db.sql.prepare('SELECT id, name FROM record_sources WHERE sha256 = ? ORDER BY id LIMIT 1').get(sha256) as { id: number; name: string } | undefined;
  if (earlier) return { source: earlier.id, name: options.source.trim(), file, format, imported: 0, problems: [], alreadyImportedAs: earlier.name };
  const parsed: ParsedRecords =
    format === 'ris' ? parseRis(text)
    : format === 'medline' ? parseMedline(text)
    : format === 'bibtex' ? await parseBibtex(text)
    : format === 'endnote-xml' ? parseEndnoteXml(text)
    : format === 'pubmed-xml' ? parsePubmedXml(text)
    : format === 'wos' ? parseWos(text)
    : parseTabular(text, options.columns);
  if (!parsed.records.length && !parsed.problems.length) throw new InputError('E_EMPTY', `no records found in this ${format} file`, file);
  const source = db.transaction(() => {
    const s = Number(
      db.sql
        .prepare('INSERT INTO record_sources (name, file, format, imported_at, records, failed, sha256) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(options.source.trim(), path.resolve(file), format, new Date().toISOString(), parsed.records.length, parsed.problems.length, sha256).lastInsertRowid,
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
