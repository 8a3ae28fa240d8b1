import { stem, tokenize } from '../coding/text.js';
import type { Db } from '../store/db.js';
import { detectLanguage, languageCode, stopWords } from './stopwords.js';
import { wherePredicate } from './where.js';

export interface FreqOptions {
  /** Words per item: 1 for words, 2 for bigrams, and so on. */
  ngram?: number;
  /** Group words by stem (shown as their most frequent form). */
  stem?: boolean;
  /** Only segments this query selects (e.g. a code: `employment.promotion`). */
  where?: string;
  limit?: number;
  /** Count stop words too (numbers are still left out). */
  keepStopwords?: boolean;
}

export interface FreqRow {
  term: string;
  count: number;
  documents: number;
}

/** Words read to tell a document's language when no attribute gives it. */
const DETECTION_SAMPLE = 5000;

/** The result of `frequencies`: segments read, documents per language used for stop words, the top terms. */
export interface FreqResult {
  segments: number;
  languages: Record<string, number>;
  terms: FreqRow[];
}

/**
 * Word or n-gram frequencies over the project or the segments a query selects, stop words (of
 * each document's language: its `language` attribute, else detected from its words, else
 * English) and numbers left out; an n-gram is kept only when none of its words is one.
 */
export function frequencies(db: Db, options: FreqOptions = {}): FreqResult {
  const n = Math.max(1, options.ngram ?? 1);
  const scope = options.where ? wherePredicate(db, options.where) : undefined;
  const rows = db.sql
    .prepare(`SELECT s.document_id, s.text FROM segments s JOIN documents d ON d.id = s.document_id ${scope ? `WHERE ${scope.sql}` : ''} ORDER BY s.document_id, s.id`)
    .all(...(scope?.params ?? [])) as { document_id: number; text: string }[];
  const byDoc = new Map<number, string[][]>();
  for (const r of rows) (byDoc.get(r.document_id) ?? byDoc.set(r.document_id, []).get(r.document_id)!).push(tokenize(r.text).map((t) => t.lower));
  const declared = db.sql.prepare("SELECT value FROM document_attributes WHERE document_id = ? AND key IN ('language', 'lang') ORDER BY key DESC LIMIT 1").pluck();
  const languages: Record<string, number> = {};
  const counts = new Map<string, { count: number; docs: Set<number>; forms: Map<string, number> }>();
  for (const [documentId, segments] of byDoc) {
    const attr = declared.get(documentId) as string | undefined;
    const lang = (attr !== undefined ? languageCode(attr) : undefined) ?? detectLanguage(segments.flat().slice(0, DETECTION_SAMPLE));
    languages[lang] = (languages[lang] ?? 0) + 1;
    const stop = stopWords(lang);
    const counted = options.keepStopwords ? (w: string) => !/^\d+$/.test(w) : (w: string) => w.length >= 3 && !stop.has(w) && !/^\d+$/.test(w);
    for (const words of segments) {
      for (let i = 0; i + n <= words.length; i++) {
        const gram = words.slice(i, i + n);
        if (!gram.every(counted)) continue;
        const form = gram.join(' ');
        const key = options.stem ? gram.map(stem).join(' ') : form;
        const entry = counts.get(key) ?? { count: 0, docs: new Set<number>(), forms: new Map<string, number>() };
        entry.count++;
        entry.docs.add(documentId);
        entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1);
        counts.set(key, entry);
      }
    }
  }
  const terms = [...counts.values()]
    .map((e) => ({ term: [...e.forms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0], count: e.count, documents: e.docs.size }))
    .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term));
  return { segments: rows.length, languages, terms: terms.slice(0, options.limit ?? 30) };
}
