import path from 'node:path';
import { arxivUrl, doiIn, identifiersInText, isIdentifier, urlIn } from '../text/identifiers.js';
import { SOURCE_KEYS, type DocMeta, type SourceMeta } from './types.js';

const YEAR = /(?<!\d)(1[89]\d\d|20\d\d)(?!\d)/;

/**
 * The year of a date or the first plausible year (1800 to 2099) in a name. Dates in PDF form
 * (`D:20240315090000Z`) and ISO form (`2024-03-15T…`) start with their year.
 */
export function yearFrom(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const leading = /^\s*(?:D:)?(1[89]\d\d|20\d\d)(?:\d{2}|-|\/|$)/.exec(text);
  const m = leading ?? YEAR.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Titles that tools write by default and that say nothing about the document. */
function isJunkTitle(title: string): boolean {
  const t = title.trim();
  return (
    t.length < 3 ||
    /^(untitled|title|document\d*|microsoft word\b.*|slide \d+)$/i.test(t) ||
    /\.(docx?|pdf|rtf|odt|tex|dvi|ps|indd|qxd)$/i.test(t) ||
    /^[\w-]+\.\w{2,4}$/.test(t)
  );
}

/** A readable title from a file name: separators become spaces, a leading or trailing year drops. */
export function titleFromFileName(file: string): string {
  const stem = path.basename(file, path.extname(file));
  const words = stem.replace(/[_]+/g, ' ').replace(/(?<=\S)-(?=\S)/g, ' ').replace(/\s+/g, ' ').trim();
  const pretty = words.replace(/^\(?(1[89]\d\d|20\d\d)\)?\s+|\s+\(?(1[89]\d\d|20\d\d)\)?$/g, '').trim() || words;
  return pretty.charAt(0).toUpperCase() + pretty.slice(1);
}

/**
 * Author fields that name an account, not a person or body: a login (`jsmith`, `106`), an e-mail
 * address, or what Office and PDF tools write when nobody set a name.
 */
function isJunkAuthor(name: string): boolean {
  return (
    /^[a-z0-9._-]+$/.test(name) ||
    /^\S+@\S+$/.test(name) ||
    /^(user|admin(istrator)?|owner|author|unknown|default|(test|windows|office|microsoft office|authori[sz]ed) user|your user name|(valued|preferred) customer)$/i.test(name)
  );
}

/** LaTeX writers put the authors' university after a semicolon in the PDF Author field. */
const AFFILIATION = /\b(universit(y|ies|é|ät|à|ad|eit)|college|institute of technology|laborator(y|ies)|(school|department|faculty) of)\b/i;

/** The author field with accounts dropped and a trailing academic affiliation cut. */
function cleanAuthors(raw: string | undefined): string | undefined {
  const parts = (raw ?? '').split(';').map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p && !isJunkAuthor(p));
  while (parts.length > 1 && AFFILIATION.test(parts.at(-1)!)) parts.pop();
  return parts.join('; ') || undefined;
}

/** `first-last`, or the one page, as a reference prints a range. */
export function pageRange(first: string | undefined, last: string | undefined): string | undefined {
  return first ? (last && last !== first ? `${first}-${last}` : first) : undefined;
}

/** Source attributes merged, the first source that has a value winning; values trimmed, empty ones dropped. */
export function mergeSource(...found: (SourceMeta | undefined)[]): SourceMeta | undefined {
  const out: SourceMeta = {};
  for (const key of SOURCE_KEYS) {
    const value = found.map((f) => f?.[key]?.replace(/\s+/g, ' ').trim()).find(Boolean);
    if (value) out[key] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * Completes found metadata with what the file name and the head of the first page say: junk
 * titles give way to the file name (a title that is a DOI, an address or an arXiv stamp gives its
 * identifier instead), accounts are dropped from the authors, and a DOI or source address stated
 * in the first lines fills in what the metadata lacks.
 */
export function completeMeta(found: DocMeta, file: string, firstPage = ''): DocMeta {
  const raw = found.title?.replace(/\s+/g, ' ').trim();
  const identifier = raw && isIdentifier(raw) ? raw : undefined;
  const title = raw && !identifier && !isJunkTitle(raw) ? raw : titleFromFileName(file);
  const fromTitle: SourceMeta = identifier ? { doi: doiIn(identifier), url: urlIn(identifier) ?? arxivUrl(identifier) } : {};
  // An arXiv stamp dates the submission; the PDF's creation date is when arXiv rendered it.
  const year = (identifier && arxivUrl(identifier) ? yearFrom(identifier.replace(/^\S+/, '')) : undefined) ?? found.year ?? yearFrom(path.basename(file));
  const source = mergeSource(found.source, fromTitle, identifiersInText(firstPage));
  return { title, authors: cleanAuthors(found.authors), year, ...(source ? { source } : {}) };
}
