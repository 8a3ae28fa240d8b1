import type { Document } from 'domhandler';
import { InputError } from '../../../errors.js';
import { decodeCharset, decodeText } from '../decode.js';
import { yearFrom } from '../metadata.js';
import type { DocMeta, ExtractLimits, Extractor, RawDocument } from '../types.js';
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

/** Title, authors and year from an HTML head: meta tags first, then `<title>` or the first `<h1>`. */
export function htmlMeta(doc: Document): DocMeta {
  const titleEl = findElement(doc, 'title');
  const h1 = findElement(doc, 'h1');
  return {
    title: metaValues(doc, TITLE_TAGS)[0] ?? (titleEl && textOf(titleEl)) ?? (h1 && textOf(h1)) ?? undefined,
    authors: metaValues(doc, AUTHOR_TAGS).join('; ') || undefined,
    year: yearFrom(metaValues(doc, DATE_TAGS)[0]),
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
    return { pages: htmlToPages(doc), meta: htmlMeta(doc), engine: 'htmlparser2' };
  },
};
