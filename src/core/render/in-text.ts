import { locate, type Locator } from '../documents/citation.js';
import { citedName, parseAuthors } from './authors.js';
import { disambiguate, type CitableDocument, type CiteForm, type Disambiguation } from './disambiguate.js';
import { cslType, quotesTitle } from './item-types.js';

export type { Locator };

/** Words APA leaves in lower case inside a title in title case (when not first or after a colon). */
const MINOR = new Set(['a', 'an', 'the', 'and', 'but', 'for', 'nor', 'or', 'so', 'yet', 'as', 'at', 'by', 'in', 'of', 'off', 'on', 'per', 'to', 'up', 'via']);

/** Title case as APA uses it in the text: major words capitalised, both halves of a hyphenated one. */
export function titleCase(title: string): string {
  let first = true;
  return title.replace(/[\p{L}\p{N}'’]+/gu, (word, offset: number) => {
    const afterColon = /[:?!]\s*$/.test(title.slice(0, offset));
    const keep = !first && !afterColon && MINOR.has(word.toLowerCase()) && title[offset - 1] !== '-';
    first = false;
    return keep ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1);
  });
}

/**
 * The title a citation uses in place of an author: the main title (before a colon); a main title
 * of more than six words cut to its first five, without a small word left dangling at the end.
 */
function shortTitle(title: string): string {
  const main = title.split(/[:?.]\s/)[0]!.trim();
  let ws = main.split(/\s+/);
  if (ws.length > 6) {
    ws = ws.slice(0, 5);
    while (ws.length > 1 && MINOR.has(ws.at(-1)!.toLowerCase())) ws.pop();
  }
  return titleCase(ws.join(' '));
}

/** The author part of a citation: "A", "A & B", "A et al.", or as many names as disambiguation asks. */
function authorPart(doc: CitableDocument, form: CiteForm): string | undefined {
  const names = parseAuthors(doc.authors).map(citedName);
  if (!names.length) return undefined;
  if (names.length <= 2) return names.join(' & ');
  const shown = form.names || 1;
  if (shown >= names.length) return `${names.slice(0, -1).join(', ')}, & ${names.at(-1)}`;
  return shown === 1 ? `${names[0]} et al.` : `${names.slice(0, shown).join(', ')}, et al.`;
}

/** The date part: the year or n.d., with the letter that tells same-author works apart (2020a, n.d.-a). */
export function datePart(year: number | null, suffix: string): string {
  if (year) return `${year}${suffix}`;
  return suffix ? `n.d.-${suffix}` : 'n.d.';
}

/**
 * An APA 7 parenthetical citation: `(UN Today, 2024, para. 3)`, `(Smith & Doe, 2020, p. 4)`,
 * `(Smith et al., 2020, p. 4)`; a work without authors is cited by its short title, in quotation
 * marks for articles and chapters and in italics (`*…*`) for the rest, as its reference sets it.
 * `disambiguation` (from `disambiguate` over all the documents of the report) adds 2020a/2020b.
 */
export function citeInText(doc: CitableDocument, where: Locator = {}, disambiguation?: Disambiguation): string {
  const form = disambiguation?.get(doc.id) ?? { suffix: '', names: 0 };
  const date = datePart(doc.year, form.suffix);
  const authors = authorPart(doc, form);
  const title = shortTitle(doc.title);
  const head = authors ? `${authors}, ${date}` : quotesTitle(cslType(doc)) ? `“${title},” ${date}` : `*${title}*, ${date}`;
  const locator = [where.page ? `p. ${where.page}` : where.para ? `para. ${where.para}` : '', where.place].filter(Boolean).join(', ');
  return `(${head}${locator ? `, ${locator}` : ''})`;
}

/** The columns of a quote's row that place it: its document's format and page count, its page and paragraph (CITED_PARA). */
export interface PlacedRow {
  format: string;
  page_count: number;
  page: number;
  para: number | null;
  place?: string | null;
}

/** The locator of a row (the rule of `locate`). */
export function locatorOf(r: PlacedRow): Locator {
  return locate({ format: r.format, pageCount: r.page_count, page: r.page, para: r.para, place: r.place });
}

/** How a report cites: a document (by id) at a place, in author–date form. */
export type Citer = (documentId: number, where?: Locator) => string;

/** A citer for a set of documents: disambiguated once, then `(documentId, locator)` to citation. */
export function inTextCiter(docs: CitableDocument[], forms: Disambiguation = disambiguate(docs)): Citer {
  const byId = new Map(docs.map((d) => [d.id, d]));
  return (documentId, where = {}) => {
    const doc = byId.get(documentId);
    if (!doc) throw new Error(`document ${documentId} is not among the documents being cited`);
    return citeInText(doc, where, forms);
  };
}
