/** The kinds of document a reference can be styled as, from a document's `type` attribute or its metadata. */

/** `docs attr ID type=…` values and the CSL type each is styled as in APA. */
const CSL_TYPES: Record<string, string> = {
  article: 'article-journal',
  journal: 'article-journal',
  report: 'report',
  policy: 'report',
  survey: 'report',
  webpage: 'webpage',
  web: 'webpage',
  news: 'article-newspaper',
  book: 'book',
  chapter: 'chapter',
  conference: 'paper-conference',
  thesis: 'thesis',
  interview: 'interview',
  // A transcript of one's own interviews or focus groups is unpublished material.
  transcript: 'manuscript',
  dataset: 'dataset',
  // CSL's "article" is a preprint: styled with its archive (arXiv) as publisher.
  preprint: 'article',
};

/** CSL types whose title APA sets in quotation marks, not italics, when it stands in for an author. */
const QUOTED_TITLES = new Set(['article-journal', 'article-newspaper', 'article-magazine', 'chapter', 'paper-conference']);

/** Preprint servers by host, named as APA names the archive in a reference. */
const ARCHIVES: [RegExp, string][] = [
  [/^https?:\/\/(www\.)?arxiv\.org\//i, 'arXiv'],
  [/^https?:\/\/(www\.)?biorxiv\.org\//i, 'bioRxiv'],
  [/^https?:\/\/(www\.)?medrxiv\.org\//i, 'medRxiv'],
  [/^https?:\/\/(papers\.)?ssrn\.com\//i, 'SSRN'],
];

/** The preprint server a web address belongs to, if any. */
export function archiveOf(url: string | undefined): string | undefined {
  return url ? ARCHIVES.find(([host]) => host.test(url))?.[1] : undefined;
}

type Typed = { format: string; attributes: Record<string, string> };

/**
 * The CSL type of a document: its `type` attribute when litkit knows it; otherwise (also for the
 * demo's `literature`) what its source attributes say: a journal makes an article, a book a
 * chapter, a preprint server's address a preprint, a site or a web address of an HTML page a web
 * page; a report otherwise, the usual form of grey literature.
 */
export function cslType(doc: Typed): string {
  const a = doc.attributes;
  const named = CSL_TYPES[(a.type ?? '').trim().toLowerCase()];
  if (named) return named;
  if (a.journal) return 'article-journal';
  if (a.book) return 'chapter';
  if (archiveOf(a.url)) return 'article';
  if (a.site || (doc.format === 'html' && a.url)) return 'webpage';
  return 'report';
}

/** The bracketed description APA adds after a title: the `genre` attribute, or the type's own. */
export function genreOf(doc: Typed): string | undefined {
  const type = cslType(doc);
  return doc.attributes.genre ?? (type === 'article' ? 'Preprint' : type === 'manuscript' ? 'Unpublished transcript' : undefined);
}

/** Whether APA quotes this type's title (articles, chapters) rather than italicising it. */
export function quotesTitle(cslType: string): boolean {
  return QUOTED_TITLES.has(cslType);
}
