import { children, descendants, parseXml, path, text } from './xml.js';
import { normaliseDoi, type ParsedRecords } from './types.js';

/**
 * PubMed XML, as efetch (db=pubmed, retmode=xml) and PubMed's "Save as XML" write it:
 * <PubmedArticleSet><PubmedArticle><MedlineCitation> with <PMID>, <Article><ArticleTitle>,
 * <Abstract><AbstractText Label=…> (structured abstracts keep their labels), <AuthorList><Author>
 * (LastName, ForeName or CollectiveName), <Journal><Title>, <JournalIssue><PubDate> (<Year> or
 * <MedlineDate>, as "2019 Mar-Apr"), <ELocationID EIdType="doi">, MeSH headings and keywords; the
 * DOI also from <PubmedData><ArticleIdList>. Book chapters (<PubmedBookArticle>) are read alike.
 */
export function parsePubmedXml(xml: string): ParsedRecords {
  const out: ParsedRecords = { records: [], problems: [] };
  const { root, lineOf } = parseXml(xml);
  const articles = root.flatMap((r) => (/^Pubmed(Book)?Article$/.test(r.name) ? [r] : [...descendants(r, 'PubmedArticle'), ...descendants(r, 'PubmedBookArticle')]));
  for (const a of articles.sort((x, y) => (x.startIndex ?? 0) - (y.startIndex ?? 0))) {
    const line = lineOf(a);
    const cite = path(a, 'MedlineCitation') ?? path(a, 'BookDocument');
    const article = path(cite, 'Article') ?? cite;
    const pmid = text(path(cite, 'PMID'));
    const title = text(path(article, 'ArticleTitle')) ?? text(path(article, 'Book', 'BookTitle')) ?? text(path(article, 'VernacularTitle'));
    if (!title) {
      out.problems.push({ line, message: `the article${pmid ? ` (PMID ${pmid})` : ''} has no <ArticleTitle>` });
      continue;
    }
    const date = path(article, 'Journal', 'JournalIssue', 'PubDate') ?? path(article, 'Book', 'PubDate') ?? path(article, 'ArticleDate');
    const yearText = text(path(date, 'Year')) ?? text(path(date, 'MedlineDate'));
    const year = yearText ? /\b(1[5-9]\d\d|20\d\d)\b/.exec(yearText)?.[1] : undefined;
    const abstract = children(path(article, 'Abstract'), 'AbstractText')
      .map((t) => [t.attribs.Label, text(t)].filter(Boolean).join(': '))
      .join(' ');
    const authors = children(path(article, 'AuthorList'), 'Author').map((au) => text(path(au, 'CollectiveName')) ?? [text(path(au, 'LastName')), text(path(au, 'ForeName')) ?? text(path(au, 'Initials'))].filter(Boolean).join(', ')).filter(Boolean);
    const dois = [...children(article, 'ELocationID').filter((e) => e.attribs.EIdType === 'doi'), ...children(path(a, 'PubmedData', 'ArticleIdList'), 'ArticleId').filter((e) => e.attribs.IdType === 'doi')];
    out.records.push({
      line,
      type: text(path(article, 'PublicationTypeList', 'PublicationType')),
      title,
      abstract: abstract || undefined,
      authors,
      year: year ? Number(year) : undefined,
      doi: dois.map((e) => normaliseDoi(text(e))).find(Boolean),
      pmid,
      journal: text(path(article, 'Journal', 'Title')) ?? text(path(article, 'Journal', 'ISOAbbreviation')),
      keywords: [...descendants(cite!, 'DescriptorName'), ...descendants(cite!, 'Keyword')].map(text).filter((k): k is string => !!k),
    });
  }
  return out;
}
