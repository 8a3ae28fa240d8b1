import type { Document } from 'domhandler';
import { InputError } from '../../../errors.js';
import { decodeCharset, decodeText } from '../../text/decode.js';
import { doiIn, urlIn } from '../../text/identifiers.js';
import { mergeSource, pageRange, yearFrom } from '../metadata.js';
import type { DocMeta, ExtractLimits, Extractor, RawDocument, SourceMeta } from '../types.js';
import { findElement, findElements, htmlToPages, parseHtml, textOf } from './html-text.js';

/** Bibliographic meta tags, in the order they are trusted (scholarly, Dublin Core, generic). */
const TITLE_TAGS = ['citation_title', 'dc.title', 'og:title'];
const AUTHOR_TAGS = ['citation_author', 'dc.creator', 'author'];
const DATE_TAGS = ['citation_publication_date', 'citation_date', 'dc.date', 'article:published_time', 'date'];

function metaValues(doc: Document, names: string[]): string[] {
  const metas = findElements(doc, 'meta').map((m) => ({
    name: (m.attribs.name ?? m.attribs.property ?? '').toLowerCase(),
    content: (m.attribs.content ?? '').trim(),
  }));
  for (const name of names) {
    const values = metas.filter((m) => m.name === name && m.content).map((m) => m.content);
    if (values.length) return values;
  }
  return [];
}

/** The first value of the first of these meta tags the page has. */
const first = (doc: Document, ...names: string[]) => metaValues(doc, names)[0];

/** The page's own address: `<link rel="canonical">`, else its first `href` of a `<link>` of that rel. */
function linkHref(doc: Document, rel: string): string | undefined {
  const link = findElements(doc, 'link').find((l) => (l.attribs.rel ?? '').toLowerCase().split(/\s+/).includes(rel));
  return link?.attribs.href?.trim() || undefined;
}

/**
 * Where the page comes from and what it is part of: scholarly (Highwire `citation_*`), PRISM,
 * Dublin Core and Open Graph tags. The page's address prefers the canonical link, then Open Graph,
 * then the scholarly tags' abstract and PDF addresses.
 */
function htmlSource(doc: Document): SourceMeta | undefined {
  const identifier = first(doc, 'dc.identifier', 'dcterms.identifier');
  return mergeSource({
    doi: doiIn(first(doc, 'citation_doi', 'prism.doi', 'bepress_citation_doi')) ?? (identifier ? doiIn(identifier) : undefined),
    url: [linkHref(doc, 'canonical'), first(doc, 'og:url'), first(doc, 'citation_abstract_html_url', 'citation_public_url', 'citation_fulltext_html_url'), first(doc, 'citation_pdf_url'), identifier]
      .map(urlIn)
      .find(Boolean),
    journal: first(doc, 'citation_journal_title', 'prism.publicationname', 'citation_newspaper_title'),
    book: first(doc, 'citation_inbook_title', 'citation_book_title', 'citation_conference_title'),
    site: first(doc, 'og:site_name'),
    volume: first(doc, 'citation_volume', 'prism.volume'),
    issue: first(doc, 'citation_issue', 'prism.number'),
    pages: pageRange(first(doc, 'citation_firstpage', 'prism.startingpage'), first(doc, 'citation_lastpage', 'prism.endingpage')),
    number: first(doc, 'citation_technical_report_number'),
    publisher: first(doc, 'citation_publisher', 'dc.publisher', 'citation_technical_report_institution', 'citation_dissertation_institution'),
  });
}

/** Title, authors, year and source from an HTML head: meta tags first, then `<title>` or the first `<h1>`. */
export function htmlMeta(doc: Document): DocMeta {
  const titleEl = findElement(doc, 'title');
  const h1 = findElement(doc, 'h1');
  const source = htmlSource(doc);
  return {
    title: metaValues(doc, TITLE_TAGS)[0] ?? (titleEl && textOf(titleEl)) ?? (h1 && textOf(h1)) ?? undefined,
    authors: metaValues(doc, AUTHOR_TAGS).join('; ') || undefined,
    year: yearFrom(metaValues(doc, DATE_TAGS)[0]),
    ...(source ? { source } : {}),
  };
}

/** The charset an HTML file declares in a meta tag. */
function declaredCharset(data: Uint8Array): string | undefined {
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, 2048)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
}

/** A declared legacy charset wins; a BOM, UTF-8, or the Windows-1252 fallback otherwise. */
function decodeHtml(data: Uint8Array): string {
  const charset = declaredCharset(data);
  const hasBom = data[0] === 0xef || data[0] === 0xff || data[0] === 0xfe;
  const legacy = charset && !/^utf-?8$/.test(charset) && !hasBom ? decodeCharset(data, charset) : undefined;
  return legacy ?? decodeText(data).text;
}

export const htmlExtractor: Extractor = {
  async extract(data: Uint8Array, file: string, limits: ExtractLimits): Promise<RawDocument> {
    const html = decodeHtml(data);
    if (!/<[a-z!]/i.test(html)) throw new InputError('E_CORRUPT', 'no HTML markup found', file);
    const doc = parseHtml(html, limits.maxHtmlDepth);
    return { ...htmlToPages(doc), meta: htmlMeta(doc), engine: 'htmlparser2' };
  },
};
