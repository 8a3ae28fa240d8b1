import { normaliseDoi, type ParsedRecords } from './types.js';

interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}
interface CslItem {
  id?: string;
  type?: string;
  title?: string;
  abstract?: string;
  author?: CslName[];
  issued?: { 'date-parts'?: number[][] };
  DOI?: string;
  PMID?: string;
  'container-title'?: string;
  keyword?: string;
  URL?: string;
}

/** BibTeX through citation-js's BibTeX plugin; each entry's line is found from its key. */
export async function parseBibtex(text: string): Promise<ParsedRecords> {
  const { Cite } = await import('@citation-js/core');
  await import('@citation-js/plugin-bibtex');
  const out: ParsedRecords = { records: [], problems: [] };
  let items: CslItem[];
  try {
    items = (new Cite(text, { forceType: '@bibtex/text' }) as unknown as { data: CslItem[] }).data;
  } catch (err) {
    out.problems.push({ line: 1, message: `not readable as BibTeX: ${(err as Error).message}` });
    return out;
  }
  const lines = text.split('\n');
  const lineOf = (key?: string) => (key ? lines.findIndex((l) => new RegExp(`@\\w+\\s*\\{\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*,`).test(l)) + 1 || 1 : 1);
  for (const it of items) {
    const line = lineOf(it.id);
    if (!it.title) {
      out.problems.push({ line, message: 'the entry has no title' });
      continue;
    }
    out.records.push({
      line,
      type: it.type,
      title: it.title.replace(/\s+/g, ' ').trim(),
      abstract: it.abstract,
      authors: (it.author ?? []).map((a) => a.literal ?? [a.family, a.given].filter(Boolean).join(', ')),
      year: it.issued?.['date-parts']?.[0]?.[0],
      doi: normaliseDoi(it.DOI),
      pmid: it.PMID,
      journal: it['container-title'],
      keywords: (it.keyword ?? '').split(/[;,]\s*/).filter(Boolean),
      url: it.URL,
    });
  }
  return out;
}
