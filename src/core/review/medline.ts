import { normaliseDoi, type ParsedRecords } from './types.js';

const TAG = /^([A-Z]{2,4})\s*- (.*)$/;

/**
 * MEDLINE / PubMed .nbib: "TAG - value" lines (tags padded to four characters), continuation
 * lines indented by six spaces, records separated by blank lines and starting at PMID.
 */
export function parseMedline(text: string): ParsedRecords {
  const out: ParsedRecords = { records: [], problems: [] };
  let tags = new Map<string, string[]>();
  let start = 0;
  let last = '';
  const finish = () => {
    if (!tags.size) return;
    const first = (t: string) => tags.get(t)?.[0];
    const title = first('TI') ?? first('BTI');
    if (!title) out.problems.push({ line: start, message: 'the record has no title (TI)' });
    else {
      const year = /\b(1[89]\d\d|20\d\d)\b/.exec(first('DP') ?? '')?.[1];
      out.records.push({
        line: start,
        type: first('PT'),
        title,
        abstract: first('AB'),
        authors: tags.get('FAU') ?? tags.get('AU') ?? [],
        year: year ? Number(year) : undefined,
        doi: normaliseDoi([...(tags.get('LID') ?? []), ...(tags.get('AID') ?? [])].find((v) => /\[doi\]/.test(v))),
        pmid: first('PMID'),
        journal: first('JT') ?? first('TA'),
        keywords: [...(tags.get('OT') ?? []), ...(tags.get('MH') ?? [])],
      });
    }
    tags = new Map();
  };
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return finish();
    const m = TAG.exec(line);
    if (m) {
      if (!tags.size) start = i + 1;
      last = m[1]!;
      tags.set(last, [...(tags.get(last) ?? []), m[2]!.trim()]);
    } else if (/^\s{2,}/.test(line) && last && tags.has(last)) {
      const values = tags.get(last)!;
      values[values.length - 1] = `${values.at(-1)} ${line.trim()}`;
    }
  });
  finish();
  return out;
}
