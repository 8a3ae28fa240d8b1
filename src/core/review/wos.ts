import { normaliseDoi, type ParsedRecords } from './types.js';

// A field: two capitals or a capital and a digit, a space, the value. Continuation lines start with three spaces.
const FIELD = /^([A-Z][A-Z0-9]) (.*)$/;

/**
 * Web of Science plain text ("Other file formats" > Plain text, .txt or .ciw): FN and VR header
 * lines, then records of "TAG value" lines (PT first, ER last) whose long or repeated values go on
 * onto lines indented by three spaces: one author per line in AU/AF, titles and abstracts wrapped.
 * Keywords: author keywords (DE) and Keywords Plus (ID), separated by "; ".
 */
export function parseWos(text: string): ParsedRecords {
  const out: ParsedRecords = { records: [], problems: [] };
  let tags: Map<string, string[]> | undefined;
  let start = 0;
  let last = '';
  const finish = () => {
    if (tags) record(tags, start, out);
    tags = undefined;
  };
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, i) => {
    if (/^ {2,3}\S/.test(line) && tags && last) {
      tags.get(last)!.push(line.trim());
      return;
    }
    const m = FIELD.exec(line) ?? (/^(ER|EF)\s*$/.test(line) ? [line, line.trim(), ''] : null);
    if (!m) return;
    const [, tag, value] = m as [string, string, string];
    if (tag === 'PT') {
      finish();
      tags = new Map();
      start = i + 1;
    }
    if (tag === 'ER' || tag === 'EF') return finish();
    if (!tags) return;
    tags.set(tag, [...(tags.get(tag) ?? []), value.trim()]);
    last = tag;
  });
  finish();
  return out;
}

// Fields whose continuation lines are further values (one author per line); in the rest they wrap one value.
const LISTS = new Set(['AU', 'AF', 'BE', 'CA', 'C1', 'CR']);

function record(tags: Map<string, string[]>, line: number, out: ParsedRecords): void {
  const one = (tag: string) => (tags.has(tag) ? (LISTS.has(tag) ? tags.get(tag)![0] : tags.get(tag)!.join(' ')) : undefined)?.trim() || undefined;
  const list = (tag: string) => (tags.get(tag) ?? []).filter(Boolean);
  const title = one('TI');
  if (!title) {
    out.problems.push({ line, message: 'the record has no title (TI)' });
    return;
  }
  const yearText = one('PY') ?? one('EA');
  const year = yearText ? /\b(1[5-9]\d\d|20\d\d)\b/.exec(yearText)?.[1] : undefined;
  if (yearText && !year) {
    out.problems.push({ line, message: `the year "${yearText}" is not a year; the record is skipped` });
    return;
  }
  const keywords = [one('DE'), one('ID')].flatMap((k) => (k ?? '').split(/;\s*/)).filter(Boolean);
  out.records.push({
    line,
    type: one('PT') === 'J' ? 'journal article' : one('PT') === 'B' ? 'book' : one('PT') === 'S' ? 'book in series' : one('PT') === 'P' ? 'patent' : one('PT'),
    title,
    abstract: one('AB'),
    authors: list('AF').length ? list('AF') : list('AU'),
    year: year ? Number(year) : undefined,
    doi: normaliseDoi(one('DI')),
    pmid: one('PM')?.match(/^\d{5,9}$/)?.[0],
    journal: one('SO'),
    keywords,
  });
}
