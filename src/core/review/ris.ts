import { normaliseDoi, type ParsedRecords, type RecordInput } from './types.js';

const TAG = /^([A-Z][A-Z0-9])  -( (.*))?$/;

/**
 * RIS as the databases write it: Scopus, Embase, Ovid (records numbered "1."), PubMed via Zotero,
 * Web of Science's RIS-like export. Titles in TI/T1, abstracts in AB/N2, authors in AU/A1,
 * years in PY/Y1/DA ("2019//" too), journals in T2/JF/JO/JA, DOIs in DO or in L2/UR links.
 * A record with a title but an unreadable year is reported with its line and skipped.
 */
export function parseRis(text: string): ParsedRecords {
  const out: ParsedRecords = { records: [], problems: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let tags: Map<string, string[]> | undefined;
  let start = 0;
  let last: string | undefined;
  // A record whose TY line was lost (a title outside any record) is reported, never dropped
  // silently; other stray fields (Ovid writes NL after ER) are not records.
  let orphan: number | undefined;
  let orphanTitled = false;
  const finish = () => {
    if (tags) record(tags, start, out);
    tags = undefined;
    if (orphan !== undefined && orphanTitled) out.problems.push({ line: orphan, message: 'a title without a "TY  - " line to open its record; the record is skipped' });
    orphan = undefined;
    orphanTitled = false;
  };
  lines.forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, '');
    const m = TAG.exec(line);
    if (!m) {
      // Long values wrap onto untagged lines in some exports.
      if (tags && last && line.trim() && !/^\d+\.$/.test(line.trim())) tags.get(last)!.push(`${tags.get(last)!.pop()} ${line.trim()}`);
      return;
    }
    const [, tag, , value = ''] = m;
    if (tag === 'TY') {
      finish();
      tags = new Map();
      start = i + 1;
    }
    if (!tags) {
      if (tag !== 'ER' && orphan === undefined) orphan = i + 1;
      if (tag === 'TI' || tag === 'T1') orphanTitled = true;
      return;
    }
    if (tag === 'ER') return finish();
    tags.set(tag!, [...(tags.get(tag!) ?? []), value.trim()]);
    last = tag;
  });
  finish();
  return out;
}

function record(tags: Map<string, string[]>, line: number, out: ParsedRecords): void {
  const first = (...names: string[]) => names.map((n) => tags.get(n)?.find((v) => v)).find((v) => v);
  const all = (...names: string[]) => names.flatMap((n) => tags.get(n) ?? []).filter(Boolean);
  const title = first('TI', 'T1', 'CT', 'BT');
  if (!title) {
    out.problems.push({ line, message: 'the record has no title (TI or T1)' });
    return;
  }
  const yearText = first('PY', 'Y1', 'DA', 'Y2');
  let year: number | undefined;
  if (yearText) {
    const m = /^\s*(\d{4})\b/.exec(yearText);
    if (!m) {
      out.problems.push({ line, message: `the year "${yearText}" is not a year; the record is skipped` });
      return;
    }
    year = Number(m[1]);
  }
  const doi = normaliseDoi(first('DO', 'DI')) ?? normaliseDoi(all('L2', 'UR', 'L3', 'LK').find((u) => /doi\.org|10\.\d{4}/.test(u)));
  const rec: RecordInput = {
    line,
    type: first('TY'),
    title: title.replace(/\s+/g, ' ').trim(),
    abstract: first('AB', 'N2')?.replace(/\s+/g, ' ').trim(),
    authors: all('AU', 'A1', 'A2').filter((a, i, xs) => xs.indexOf(a) === i),
    year,
    doi,
    pmid: first('AN', 'PM')?.match(/^\d{5,9}$/)?.[0],
    journal: first('T2', 'JF', 'JO', 'JA', 'J2'),
    keywords: all('KW').flatMap((k) => k.split(/;\s*/)).filter(Boolean),
    url: first('UR'),
  };
  out.records.push(rec);
}
