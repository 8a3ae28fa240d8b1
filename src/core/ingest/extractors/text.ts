import { parse as parseYaml } from 'yaml';
import { Marked } from 'marked';
import { InputError } from '../../../errors.js';
import { decodeText } from '../../text/decode.js';
import { doiIn, urlIn } from '../../text/identifiers.js';
import { mergeSource, yearFrom } from '../metadata.js';
import type { DocMeta, ExtractLimits, Extractor, RawDocument } from '../types.js';
import { findElement, htmlToPages, parseHtml, textOf } from './html-text.js';
import { subtitleKind, subtitlesToText } from './transcript-cues.js';

/**
 * Plain text files usually open with a title block: a short first line that is not a sentence,
 * then lines up to the first blank line (author, date). The title is that first line, the year
 * the first one in the block.
 */
function titleBlock(text: string): DocMeta {
  const [block = '', ...rest] = text.trimStart().split(/\r?\n[ \t]*\r?\n/);
  const first = block.split(/\r?\n/, 1)[0]!.trim();
  // A title needs a body after it, and does not end like a sentence or a broken word.
  if (!rest.join('').trim() || !first || first.length > 120 || /[.;,:-]$/.test(first)) return {};
  return { title: first, year: yearFrom(block.length <= 400 ? block.replace(/^.*\n?/, '') || first : undefined) };
}

/** Plain text: decoded (UTF-8, UTF-16 with BOM, Windows-1252), paragraphs as written. */
export const textExtractor: Extractor = {
  async extract(data: Uint8Array): Promise<RawDocument> {
    const { text, encoding } = decodeText(data);
    const subtitles = subtitleKind(text);
    if (subtitles) return { pages: [subtitlesToText(text, subtitles)], meta: {}, engine: `${subtitles}/${encoding}` };
    // A form feed is how plain-text exports (e.g. pdftotext) mark pages; honour it.
    const pages = text.split('\f');
    return { pages, meta: titleBlock(text), engine: `text/${encoding}` };
  },
};

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

/** Title, authors, year and source (doi, url or source, journal, publisher …) from YAML front matter, when a Markdown file has it. */
function frontMatter(markdown: string): { meta: DocMeta; body: string } {
  const m = FRONT_MATTER.exec(markdown);
  if (!m) return { meta: {}, body: markdown };
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = parseYaml(m[1]!);
    if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
  } catch {
    return { meta: {}, body: markdown };
  }
  const authors = data.authors ?? data.author;
  const text = (key: string) => (typeof data[key] === 'string' || typeof data[key] === 'number' ? String(data[key]) : undefined);
  const source = mergeSource({
    doi: doiIn(text('doi')),
    url: urlIn(text('url') ?? text('source') ?? text('link')),
    journal: text('journal'),
    publisher: text('publisher'),
    site: text('site'),
    volume: text('volume'),
    issue: text('issue'),
    pages: text('pages'),
  });
  return {
    meta: {
      title: typeof data.title === 'string' ? data.title : undefined,
      authors: Array.isArray(authors) ? authors.join('; ') : typeof authors === 'string' ? authors : undefined,
      year: typeof data.year === 'number' ? data.year : yearFrom(String(data.date ?? '')),
      ...(source ? { source } : {}),
    },
    body: markdown.slice(m[0].length),
  };
}

/**
 * Markdown: rendered with a Markdown parser and read like HTML, so the stored text has no markup
 * characters; a horizontal rule does not split pages (Markdown has none).
 */
export const markdownExtractor: Extractor = {
  async extract(data: Uint8Array, _file: string, limits: ExtractLimits): Promise<RawDocument> {
    const { text, encoding } = decodeText(data);
    const { meta, body } = frontMatter(text);
    // marked recurses once per nested quote: refuse what the HTML depth limit would refuse anyway,
    // before it runs the stack out.
    const quotes = body.split('\n').reduce((deepest, line) => Math.max(deepest, /^(?:[ \t]*>)*/.exec(line)![0].replace(/[^>]/g, '').length), 0);
    if (quotes > limits.maxHtmlDepth) throw new InputError('E_TOO_DEEP', `quotes nest ${quotes} levels deep, over the limit of ${limits.maxHtmlDepth} (limits.max-html-depth)`);
    const html = await new Marked({ gfm: true }).parse(body);
    const doc = parseHtml(html, limits.maxHtmlDepth);
    const h1 = findElement(doc, 'h1');
    return { ...htmlToPages(doc), meta: { ...meta, title: meta.title ?? (h1 && textOf(h1)) }, engine: `markdown/${encoding}` };
  },
};
