import { UsageError } from '../../errors.js';
import { stem, tokenize } from '../coding/text.js';
import { CITED_PARA, citeRow, type CitationColumns } from '../documents/citation.js';
import { ftsString } from '../search/fts.js';
import type { Db } from '../store/db.js';
import { wherePredicate } from './where.js';

export interface KwicLine {
  left: string;
  keyword: string;
  right: string;
  documentId: number;
  segmentId: number;
  page: number;
  citation: string;
}

export interface KwicOptions {
  /** Match the exact words rather than their stems. */
  exact?: boolean;
  /** Characters of context on each side. */
  width?: number;
  limit?: number;
  /** Only segments this query selects. */
  where?: string;
}

interface Row extends CitationColumns {
  id: number;
  document_id: number;
  start: number;
  question: string | null;
  text: string;
  page_text: string;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ');

/**
 * Keyword in context: every occurrence of a word or phrase (by stem, or exactly), with the text
 * around it on its page, aligned on the keyword, each with its citation.
 */
export function kwic(db: Db, term: string, options: KwicOptions = {}): KwicLine[] {
  const words = tokenize(term).map((t) => t.lower);
  if (!words.length) throw new UsageError('E_USAGE', 'kwic needs a word or phrase');
  const width = options.width ?? 40;
  const scope = options.where ? wherePredicate(db, options.where) : undefined;
  const rows = db.sql
    .prepare(
      `SELECT s.id, s.document_id, s.page, s.start, s.question, ${CITED_PARA}, s.text, p.text AS page_text, d.title, d.year, d.format, d.page_count
       FROM segments s JOIN documents d ON d.id = s.document_id JOIN pages p ON p.document_id = s.document_id AND p.number = s.page
       WHERE s.id IN (SELECT rowid FROM segments_fts WHERE segments_fts MATCH ?) ${scope ? `AND ${scope.sql}` : ''}
       ORDER BY s.id`,
    )
    .all(ftsString(words.join(' ')), ...(scope?.params ?? [])) as Row[];
  const want = options.exact ? words : words.map(stem);
  const lines: KwicLine[] = [];
  for (const r of rows) {
    const tokens = tokenize(r.text);
    const form = (i: number) => (options.exact ? tokens[i]!.lower : stem(tokens[i]!.lower));
    for (let i = 0; i + want.length <= tokens.length; i++) {
      if (!want.every((w, k) => form(i + k) === w)) continue;
      const start = r.start + tokens[i]!.start;
      const end = r.start + tokens[i + want.length - 1]!.end;
      // A survey answer's context is the answer itself, never the respondent's next answer.
      const [from, to] = r.question === null ? [0, r.page_text.length] : [r.start, r.start + r.text.length];
      lines.push({
        left: oneLine(r.page_text.slice(Math.max(from, start - width * 2), start)).slice(-width),
        keyword: oneLine(r.page_text.slice(start, end)),
        right: oneLine(r.page_text.slice(end, Math.min(to, end + width * 2))).slice(0, width),
        documentId: r.document_id,
        segmentId: r.id,
        page: r.page,
        citation: citeRow(r),
      });
      if (options.limit && lines.length >= options.limit) return lines;
    }
  }
  return lines;
}
