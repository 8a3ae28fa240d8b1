import { UsageError } from '../../errors.js';
import type { Db } from '../store/db.js';
import { stageStatuses } from '../review/status.js';
import { toCsv } from './csv.js';

/** Which records to export: all, those not marked duplicates, or those a stage's screening settled as included or excluded. */
export const RECORD_SELECTIONS = ['all', 'unique', 'included', 'excluded'] as const;
export type RecordSelection = (typeof RECORD_SELECTIONS)[number];
export const RECORD_FORMATS = ['ris', 'bibtex', 'csv'] as const;
export type RecordExportFormat = (typeof RECORD_FORMATS)[number];

export interface ExportedRecord {
  id: number;
  source: string;
  type: string | null;
  title: string;
  abstract: string | null;
  authors: string[];
  year: number | null;
  doi: string | null;
  pmid: string | null;
  journal: string | null;
  keywords: string[];
  url: string | null;
  duplicateOf: number | null;
  /** The status at title-abstract, then full-text (include, exclude, maybe, conflict, awaiting-reviewer, undecided): see `stageStatuses`. */
  titleAbstract: string | null;
  fullText: string | null;
}

interface RecordRow {
  id: number;
  source: string;
  type: string | null;
  title: string;
  abstract: string | null;
  authors: string;
  year: number | null;
  doi: string | null;
  pmid: string | null;
  journal: string | null;
  keywords: string;
  url: string | null;
  duplicate_of: number | null;
  ta: string | null;
  ft: string | null;
}


/**
 * The records to export. `included` means included at the furthest stage screened (full text if
 * any decision was made there, else title and abstract); `excluded` likewise.
 */
export function selectRecords(db: Db, which: RecordSelection = 'all'): ExportedRecord[] {
  const rows = db.sql
    .prepare(`SELECT r.id, s.name AS source, r.type, r.title, r.abstract, r.authors, r.year, r.doi, r.pmid, r.journal, r.keywords, r.url, r.duplicate_of,
        NULL AS ta, NULL AS ft
      FROM records r JOIN record_sources s ON s.id = r.source_id ORDER BY r.id`)
    .all() as RecordRow[];
  // The status of each record at each stage is the review's one rule (resolutions, agreeing reviewers, single or double screening).
  const [ta, ft] = [stageStatuses(db, 'title-abstract'), stageStatuses(db, 'full-text')];
  for (const r of rows) [r.ta, r.ft] = [ta.get(r.id)?.state ?? null, ft.get(r.id)?.state ?? null];
  const records = rows.map(
    (r): ExportedRecord => ({
      id: r.id,
      source: r.source,
      type: r.type,
      title: r.title,
      abstract: r.abstract,
      authors: JSON.parse(r.authors) as string[],
      year: r.year,
      doi: r.doi,
      pmid: r.pmid,
      journal: r.journal,
      keywords: JSON.parse(r.keywords) as string[],
      url: r.url,
      duplicateOf: r.duplicate_of,
      titleAbstract: r.ta,
      fullText: r.ft,
    }),
  );
  if (which === 'all') return records;
  const unique = records.filter((r) => r.duplicateOf === null);
  if (which === 'unique') return unique;
  const wanted = which === 'included' ? 'include' : 'exclude';
  return unique.filter((r) => (r.fullText ?? r.titleAbstract) === wanted);
}

/** RIS type and BibTeX entry type for the types imports store (RIS codes, CSL types, MEDLINE publication types). */
function kinds(r: ExportedRecord): { ris: string; bibtex: string } {
  const t = (r.type ?? '').toLowerCase();
  if (/^(conf|cpaper)$|paper-conference|conference/.test(t)) return { ris: 'CONF', bibtex: 'inproceedings' };
  if (/^chap$|chapter/.test(t)) return { ris: 'CHAP', bibtex: 'incollection' };
  if (/^(book|ebook|edbook)$/.test(t)) return { ris: 'BOOK', bibtex: 'book' };
  if (/^rprt$|report/.test(t)) return { ris: 'RPRT', bibtex: 'techreport' };
  if (/^thes$|thesis/.test(t)) return { ris: 'THES', bibtex: 'phdthesis' };
  if (/^(jour|jfull|abst|inpr)$|article|journal/.test(t) || r.journal) return { ris: 'JOUR', bibtex: 'article' };
  return { ris: 'GEN', bibtex: 'misc' };
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** RIS as reference managers (Zotero, EndNote, Mendeley) and litkit read it. */
export function toRis(records: ExportedRecord[]): string {
  const out: string[] = [];
  for (const r of records) {
    const tag = (t: string, v: string | number | null | undefined) => {
      if (v !== null && v !== undefined && String(v).trim()) out.push(`${t}  - ${oneLine(String(v))}`);
    };
    tag('TY', kinds(r).ris);
    tag('TI', r.title);
    for (const a of r.authors) tag('AU', a);
    tag('PY', r.year);
    tag('T2', r.journal);
    tag('AB', r.abstract);
    for (const k of r.keywords) tag('KW', k);
    tag('DO', r.doi);
    tag('AN', r.pmid);
    tag('UR', r.url);
    tag('ID', `litkit-${r.id}`);
    out.push('ER  - ', '');
  }
  return out.join('\n');
}

const LATEX: Record<string, string> = { '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', '&': '\\&', '%': '\\%', $: '\\$', '#': '\\#', _: '\\_', '~': '\\textasciitilde{}', '^': '\\textasciicircum{}' };
const bibValue = (s: string) => oneLine(s).replace(/[\\{}&%$#_~^]/g, (c) => LATEX[c]!);

/**
 * A name for BibTeX's author field: "Family, Given", the family name braced when it has several
 * words ("van den Brink" stays whole instead of losing its particle); anything else ("Liu R.", an
 * organisation, a list an export put in one field) braced whole, so it is not split.
 */
function bibName(name: string): string {
  const parts = name.split(',');
  if (parts.length !== 2) return `{${bibValue(name)}}`;
  const family = bibValue(parts[0]!);
  return `${/\s/.test(family) ? `{${family}}` : family}, ${bibValue(parts[1]!)}`;
}

/** Citation keys like `smith2019effects`: first author's family name, year, first title word; a, b … when they repeat. */
function citationKeys(records: ExportedRecord[]): string[] {
  const ascii = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
  const seen = new Map<string, number>();
  return records.map((r) => {
    const family = ascii((r.authors[0] ?? '').split(',')[0] ?? '') || 'anon';
    const word = r.title.split(/\s+/).map(ascii).find((w) => w.length > 3) ?? '';
    const base = `${family}${r.year ?? 'nd'}${word}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}${String.fromCharCode(96 + Math.min(n, 26))}${n > 26 ? n : ''}`;
  });
}

/** BibTeX with LaTeX's special characters escaped; UTF-8 otherwise, as biber and Zotero read it. */
export function toBibtex(records: ExportedRecord[]): string {
  const keys = citationKeys(records);
  return records
    .map((r, i) => {
      const kind = kinds(r).bibtex;
      const fields: [string, string | null | undefined][] = [
        ['title', r.title],
        ['author', r.authors.length ? r.authors.map(bibName).join(' and ') : undefined],
        ['year', r.year?.toString()],
        [kind === 'inproceedings' || kind === 'incollection' ? 'booktitle' : 'journal', r.journal],
        ['abstract', r.abstract],
        ['keywords', r.keywords.length ? r.keywords.join(', ') : undefined],
        ['doi', r.doi],
        ['pmid', r.pmid],
        ['url', r.url],
      ];
      const body = fields
        .filter(([, v]) => v?.trim())
        .map(([k, v]) => `  ${k} = {${k === 'url' || k === 'doi' || k === 'author' ? oneLine(v!) : bibValue(v!)}}`)
        .join(',\n');
      return `@${kind}{${keys[i]},\n${body}\n}\n`;
    })
    .join('\n');
}

/** One row per record, authors and keywords separated by "; ", with the screening decisions. */
export function recordsCsv(records: ExportedRecord[]): string {
  const header = ['id', 'source', 'type', 'title', 'authors', 'year', 'journal', 'doi', 'pmid', 'url', 'keywords', 'abstract', 'duplicate_of', 'title_abstract', 'full_text'];
  return toCsv(
    header,
    records.map((r) => [r.id, r.source, r.type, r.title, r.authors.join('; '), r.year, r.journal, r.doi, r.pmid, r.url, r.keywords.join('; '), r.abstract, r.duplicateOf, r.titleAbstract, r.fullText]),
  );
}

/** The chosen records in the chosen format. */
export function exportRecords(db: Db, format: RecordExportFormat, which: RecordSelection = 'all'): { text: string; records: number } {
  if (!RECORD_FORMATS.includes(format)) throw new UsageError('E_USAGE', `unknown format "${format}"; use ${RECORD_FORMATS.join(', ')}`);
  const records = selectRecords(db, which);
  const text = format === 'ris' ? toRis(records) : format === 'bibtex' ? toBibtex(records) : `${recordsCsv(records)}\n`;
  return { text, records: records.length };
}
