import { children, descendants, parseXml, path, text } from './xml.js';
import { normaliseDoi, type ParsedRecords } from './types.js';

/**
 * EndNote XML (File > Export > XML): <xml><records><record> with <titles><title>,
 * <contributors><authors><author>, <dates><year>, <abstract>, <keywords><keyword>,
 * <electronic-resource-num> (the DOI), <accession-num>, <periodical><full-title> or
 * <titles><secondary-title>, <urls>. Values may be wrapped in <style> elements, which are read through.
 */
export function parseEndnoteXml(xml: string): ParsedRecords {
  const out: ParsedRecords = { records: [], problems: [] };
  const { root, lineOf } = parseXml(xml);
  for (const record of root.flatMap((r) => descendants(r, 'record'))) {
    const line = lineOf(record);
    const title = text(path(record, 'titles', 'title'));
    if (!title) {
      out.problems.push({ line, message: 'the record has no <titles><title>' });
      continue;
    }
    const yearText = text(path(record, 'dates', 'year'));
    const year = yearText ? /\b(1[5-9]\d\d|20\d\d)\b/.exec(yearText)?.[1] : undefined;
    if (yearText && !year) {
      out.problems.push({ line, message: `the year "${yearText}" is not a year; the record is skipped` });
      continue;
    }
    const accession = text(path(record, 'accession-num'));
    out.records.push({
      line,
      type: path(record, 'ref-type')?.attribs.name,
      title,
      abstract: text(path(record, 'abstract')),
      authors: children(path(record, 'contributors', 'authors'), 'author').map(text).filter((a): a is string => !!a),
      year: year ? Number(year) : undefined,
      doi: normaliseDoi(text(path(record, 'electronic-resource-num'))) ?? normaliseDoi(children(path(record, 'urls', 'related-urls'), 'url').map(text).find((u) => /doi\.org/.test(u ?? ''))),
      pmid: accession && /^\d{5,9}$/.test(accession) ? accession : undefined,
      journal: text(path(record, 'periodical', 'full-title')) ?? text(path(record, 'titles', 'secondary-title')),
      keywords: children(path(record, 'keywords'), 'keyword').map(text).filter((k): k is string => !!k),
      url: text(path(record, 'urls', 'related-urls', 'url')),
    });
  }
  return out;
}
