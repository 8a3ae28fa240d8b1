import { nameKey, parseAuthors, type Name } from './authors.js';
import { collator, disambiguate, sortableTitle, type CitableDocument, type Disambiguation } from './disambiguate.js';
import { datePart } from './in-text.js';
import { archiveOf, cslType, genreOf } from './item-types.js';

/** A CSL-JSON item: the input citation-js formats. */
interface CslItem {
  id: string;
  type: string;
  title: string;
  author?: Name[];
  issued?: { 'date-parts': number[][] } | { literal: string };
  'container-title'?: string;
  volume?: string;
  issue?: string;
  page?: string;
  number?: string;
  publisher?: string;
  genre?: string;
  DOI?: string;
  URL?: string;
}

const same = (a: string | undefined, b: string | undefined) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * A document as a CSL item: authors parsed (bodies kept whole), its type from its `type`
 * attribute or metadata, its source from the attributes ingest found or a user set (journal,
 * book or site; volume, issue, pages, number, publisher, genre; doi, url). APA leaves out a
 * publisher or site that is also the author; a preprint's archive is its publisher; `suffix` is
 * the letter that tells same-author works of a year apart.
 */
export function toCsl(doc: CitableDocument, suffix = ''): CslItem {
  const a = doc.attributes;
  const names = parseAuthors(doc.authors);
  const type = cslType(doc);
  const isAuthor = (body: string | undefined) => names.some((n) => 'literal' in n && same(n.literal, body));
  const container = a.journal ?? a.book ?? a.site;
  const publisher = a.publisher ?? (type === 'article' ? archiveOf(a.url) : undefined);
  const genre = genreOf(doc);
  // Stored bare by ingest and docs attr; a value written another way (an older --attr) still prints once.
  const doi = a.doi?.replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/i, '');
  const item: CslItem = {
    id: `doc${doc.id}`,
    type,
    title: doc.title,
    ...(names.length ? { author: names } : {}),
    ...(doc.year && !suffix ? { issued: { 'date-parts': [[doc.year]] } } : {}),
    // citeproc would letter only the items it formats together; ours come from one disambiguation.
    ...(suffix ? { issued: { literal: datePart(doc.year, suffix) } } : {}),
    ...(container && !(type === 'webpage' && isAuthor(container)) ? { 'container-title': container } : {}),
    ...(a.volume ? { volume: a.volume } : {}),
    ...(a.issue ? { issue: a.issue } : {}),
    ...(a.pages ? { page: a.pages } : {}),
    ...(a.number ? { number: a.number } : {}),
    ...(publisher && !isAuthor(publisher) ? { publisher } : {}),
    ...(genre ? { genre } : {}),
    ...(doi ? { DOI: doi } : {}),
    ...(a.url ? { URL: a.url } : {}),
  };
  return item;
}

/** citeproc's HTML as the plain text litkit's writers take, italics marked `*…*`. */
function plain(html: string): string {
  return html
    .replace(/<i>(.*?)<\/i>/g, '*$1*')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * APA's order: by authors (family name, then initials, name by name, a shorter list first), a work
 * without authors by its title; then by year, works without a date first; then by title.
 */
function compareReferences(a: CitableDocument, b: CitableDocument): number {
  const key = (d: CitableDocument) => {
    const names = parseAuthors(d.authors);
    return names.length ? names.map(nameKey) : [sortableTitle(d.title)];
  };
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const c = collator.compare(ka[i]!, kb[i]!);
    if (c) return c;
  }
  return ka.length - kb.length || (a.year ?? 0) - (b.year ?? 0) || collator.compare(sortableTitle(a.title), sortableTitle(b.title)) || a.id - b.id;
}

/** A reference list entry: the document and its APA reference. */
export interface Reference {
  id: number;
  reference: string;
}

/**
 * The reference list in APA 7 (citation-js with its bundled APA style) in APA's order, as plain text
 * with titles marked for italics (`*…*`, which Markdown, HTML and DOCX renderers honour). Letters
 * for same-author works of a year come from `disambiguation`, so they match the in-text citations.
 */
export async function apaReferences(docs: CitableDocument[], disambiguation: Disambiguation = disambiguate(docs)): Promise<Reference[]> {
  if (!docs.length) return [];
  const { Cite } = await import('@citation-js/core');
  await import('@citation-js/plugin-csl');
  return [...docs].sort(compareReferences).map((doc) => {
    const item = toCsl(doc, disambiguation.get(doc.id)?.suffix);
    const html = new Cite([item]).format('bibliography', { template: 'apa', format: 'html', lang: 'en-US' }) as string;
    return { id: doc.id, reference: plain(html) };
  });
}
