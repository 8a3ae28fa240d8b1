import type { DocumentInfo } from '../documents/read.js';
import { citedName, nameKey, parseAuthors, type Name } from './authors.js';

/** What a reference and a citation need to know about a document. */
export type CitableDocument = Pick<DocumentInfo, 'id' | 'title' | 'authors' | 'year' | 'format' | 'attributes'>;

/**
 * How one document is told apart in author–date citations: the letter after its year (APA's
 * 2020a, 2020b for the same authors and year) and, when two different author lists would both read
 * "Kapoor et al.", how many names to write before "et al." (0: the usual form).
 */
export interface CiteForm {
  suffix: string;
  names: number;
}

/** Each document's form by id; the reference list and the in-text citations read the same map. */
export type Disambiguation = Map<number, CiteForm>;

/** A title as APA alphabetises it: without a leading article, case and accents aside. */
export function sortableTitle(title: string): string {
  return title.replace(/^\s*(the|an?)\s+/i, '').trim();
}

export const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** a … z, then aa, ab …: the letters APA adds after a year. */
function letter(i: number): string {
  return i < 26 ? String.fromCharCode(97 + i) : letter(Math.floor(i / 26) - 1) + letter(i % 26);
}

/** The author key of a document; a work without authors is known by its title. */
function authorKey(names: Name[], title: string): string {
  return names.length ? names.map(nameKey).join('; ') : `title: ${sortableTitle(title).toLowerCase()}`;
}

/**
 * The citation form of every document: works by the same authors in the same year get a, b, …
 * in the order of their titles (also "n.d.-a"); lists of three or more authors that would shorten
 * to the same "First et al." in the same year show as many names as tell them apart (all of them
 * when only the last would be left out).
 */
export function disambiguate(docs: CitableDocument[]): Disambiguation {
  const parsed = docs.map((d) => ({ doc: d, names: parseAuthors(d.authors) }));
  const forms: Disambiguation = new Map(docs.map((d) => [d.id, { suffix: '', names: 0 }]));
  const groups = new Map<string, typeof parsed>();
  for (const p of parsed) {
    const key = `${authorKey(p.names, p.doc.title)} | ${p.doc.year ?? 'n.d.'}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => collator.compare(sortableTitle(a.doc.title), sortableTitle(b.doc.title)) || a.doc.id - b.doc.id);
    group.forEach((p, i) => (forms.get(p.doc.id)!.suffix = letter(i)));
  }
  const etAl = new Map<string, typeof parsed>();
  for (const p of parsed) {
    if (p.names.length < 3) continue;
    const key = `${citedName(p.names[0]!).toLowerCase()} | ${p.doc.year ?? 'n.d.'}${forms.get(p.doc.id)!.suffix}`;
    etAl.set(key, [...(etAl.get(key) ?? []), p]);
  }
  for (const group of etAl.values()) {
    if (group.length < 2) continue;
    const shown = (p: (typeof parsed)[number], n: number) => p.names.slice(0, n).map(nameKey).join('; ');
    for (const p of group) {
      let n = 1;
      while (n < p.names.length && group.some((q) => q !== p && shown(q, n) === shown(p, n))) n++;
      forms.get(p.doc.id)!.names = n >= p.names.length - 1 ? p.names.length : n;
    }
  }
  return forms;
}
