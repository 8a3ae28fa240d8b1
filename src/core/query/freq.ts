import { isContentWord, stem, tokenize } from '../coding/text.js';
import type { Db } from '../store/db.js';
import { wherePredicate } from './where.js';

export interface FreqOptions {
  /** Words per item: 1 for words, 2 for bigrams, and so on. */
  ngram?: number;
  /** Group words by stem (shown as their most frequent form). */
  stem?: boolean;
  /** Only segments this query selects (e.g. a code: `employment.promotion`). */
  where?: string;
  limit?: number;
}

export interface FreqRow {
  term: string;
  count: number;
  documents: number;
}

/**
 * Word or n-gram frequencies over the project or the segments a query selects, stop words and
 * numbers left out (an n-gram is kept only when none of its words is one).
 */
export function frequencies(db: Db, options: FreqOptions = {}): { segments: number; terms: FreqRow[] } {
  const n = Math.max(1, options.ngram ?? 1);
  const scope = options.where ? wherePredicate(db, options.where) : undefined;
  const rows = db.sql
    .prepare(`SELECT s.document_id, s.text FROM segments s JOIN documents d ON d.id = s.document_id ${scope ? `WHERE ${scope.sql}` : ''}`)
    .all(...(scope?.params ?? [])) as { document_id: number; text: string }[];
  const counts = new Map<string, { count: number; docs: Set<number>; forms: Map<string, number> }>();
  for (const r of rows) {
    const words = tokenize(r.text).map((t) => t.lower);
    for (let i = 0; i + n <= words.length; i++) {
      const gram = words.slice(i, i + n);
      if (!gram.every(isContentWord)) continue;
      const form = gram.join(' ');
      const key = options.stem ? gram.map(stem).join(' ') : form;
      const entry = counts.get(key) ?? { count: 0, docs: new Set<number>(), forms: new Map<string, number>() };
      entry.count++;
      entry.docs.add(r.document_id);
      entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1);
      counts.set(key, entry);
    }
  }
  const terms = [...counts.values()]
    .map((e) => ({ term: [...e.forms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0], count: e.count, documents: e.docs.size }))
    .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term));
  return { segments: rows.length, terms: terms.slice(0, options.limit ?? 30) };
}
