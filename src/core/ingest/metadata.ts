import path from 'node:path';
import type { DocMeta } from './types.js';

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

/** Completes found metadata with what the file name says, cleaning junk titles away. */
export function completeMeta(found: DocMeta, file: string): DocMeta {
  const title = found.title && !isJunkTitle(found.title) ? found.title.replace(/\s+/g, ' ').trim() : titleFromFileName(file);
  const authors = found.authors?.replace(/\s+/g, ' ').trim() || undefined;
  const year = found.year ?? yearFrom(path.basename(file));
  return { title, authors, year };
}
