import { parse } from 'csv-parse/sync';
import { normaliseDoi, type ParsedRecords } from './types.js';

/** Which column holds which field: detected by name, overridable. */
export interface ColumnMap {
  title?: string;
  abstract?: string;
  authors?: string;
  year?: string;
  doi?: string;
  journal?: string;
  keywords?: string;
  pmid?: string;
}

const NAMES: Record<keyof ColumnMap, RegExp> = {
  title: /^(title|primary_title|article_title|ti)$/i,
  abstract: /^(abstract|ab|abstract_note|summary)$/i,
  authors: /^(authors?|first_authors|au|creators?)$/i,
  year: /^(year|publication_year|published year|py|pub_year|date)$/i,
  doi: /^(doi|di)$/i,
  journal: /^(journal|source|secondary_title|publication_title|so|t2)$/i,
  keywords: /^(keywords?|kw|author_keywords|mesh_terms)$/i,
  pmid: /^(pmid|pubmed_?id|pubmed id|accession number)$/i,
};

/** The delimiter a file uses: the one of ; , and tab found most in its header line. */
function sniff(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return [',', ';', '\t'].map((d) => ({ d, n: header.split(d).length })).sort((a, b) => b.n - a.n)[0]!.d;
}

/**
 * CSV or TSV with a header row; columns found by name (title, abstract, authors, year, doi, …),
 * which covers the exports of screening tools: Covidence ("Title", "Authors" separated by "; ",
 * "Published Year", "Accession Number", "DOI") and Rayyan ("key", "title", "authors" joined by
 * " and ", "year", "journal", "abstract", "doi", "keywords").
 */
export function parseTabular(text: string, override: ColumnMap = {}): ParsedRecords {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { delimiter: sniff(text), columns: true, skip_empty_lines: true, relax_column_count: true, info: true }) as typeof rows;
  } catch (err) {
    // A quote left open or a malformed header: reported like a BibTeX file that cannot be read, never a raw csv-parse error.
    const e = err as Error & { lines?: number };
    return { records: [], problems: [{ line: Math.max(1, e.lines ?? 1), message: `not readable as CSV: ${e.message.split('\n')[0]}` }] };
  }
  const header = rows.length ? Object.keys(rows[0]!.record) : [];
  const column = (field: keyof ColumnMap) => override[field] ?? header.find((h) => NAMES[field].test(h.trim()));
  const cols = Object.fromEntries((Object.keys(NAMES) as (keyof ColumnMap)[]).map((f) => [f, column(f)])) as ColumnMap;
  const out: ParsedRecords = { records: [], problems: [] };
  if (!cols.title) {
    out.problems.push({ line: 1, message: `no title column among: ${header.join(', ')}; name one with --title-column` });
    return out;
  }
  for (const { record: r, info } of rows) {
    const get = (f: keyof ColumnMap) => (cols[f] ? r[cols[f]!]?.trim() || undefined : undefined);
    const title = get('title');
    const line = info.lines;
    if (!title) {
      out.problems.push({ line, message: 'the record has no title' });
      continue;
    }
    const yearText = get('year');
    const year = yearText ? /\b(1[89]\d\d|20\d\d)\b/.exec(yearText)?.[1] : undefined;
    if (yearText && !year) {
      out.problems.push({ line, message: `the year "${yearText}" is not a year; the record is skipped` });
      continue;
    }
    out.records.push({
      line,
      title: title.replace(/\s+/g, ' '),
      abstract: get('abstract')?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim(),
      authors: (get('authors') ?? '').split(/;\s*|\s+and\s+/).map((a) => a.trim()).filter(Boolean),
      year: year ? Number(year) : undefined,
      doi: normaliseDoi(get('doi')),
      journal: get('journal'),
      pmid: get('pmid')?.match(/^\d{5,9}$/)?.[0],
      keywords: (get('keywords') ?? '').split(/[;,]\s*/).filter(Boolean),
    });
  }
  return out;
}
