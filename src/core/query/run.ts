import { CITED_PARA, citeRow, type CitationColumns } from '../documents/citation.js';
import type { Db } from '../store/db.js';
import { compileQuery } from './compile.js';
import { parseQuery, queryLimits } from './parse.js';

export interface QueryOptions {
  limit?: number;
  /** Characters of page text to include before and after each excerpt. */
  context?: number;
  /** Count every match (costs a pass over all of them on large projects). */
  count?: boolean;
}

export interface Excerpt {
  segmentId: number;
  documentId: number;
  title: string;
  year: number | null;
  page: number;
  start: number;
  end: number;
  text: string;
  before: string;
  after: string;
  codes: string[];
  coders: string[];
  citation: string;
}

export interface QueryResult {
  query: string;
  /** Every match, when counted; otherwise null. */
  total: number | null;
  /** Whether more excerpts match than were returned. */
  more: boolean;
  excerpts: Excerpt[];
  ms: number;
}

interface Row extends CitationColumns {
  id: number;
  document_id: number;
  start: number;
  end: number;
  text: string;
  before: string;
  after: string;
}

/** The segments a query selects, in document order, each with its codes, coders and citation. */
export function runQuery(db: Db, expression: string, options: QueryOptions = {}): QueryResult {
  const started = performance.now();
  const predicate = compileQuery(db, parseQuery(expression, queryLimits(db)));
  const context = Math.max(0, options.context ?? 0);
  const from = `FROM segments s JOIN documents d ON d.id = s.document_id WHERE ${predicate.sql}`;
  const total = options.count ? (db.sql.prepare(`SELECT count(*) ${from}`).pluck().get(...predicate.params) as number) : null;
  const limit = options.limit ?? 50;
  const rows = db.sql
    .prepare(
      `SELECT s.id, s.document_id, d.title, d.year, d.format, d.page_count, s.page, ${CITED_PARA}, s.start, s.end, s.text,
         -- A survey answer's context would be the respondent's other answers: none is shown.
         CASE WHEN @context > 0 AND s.question IS NULL THEN (SELECT slice16(p.text, max(0, s.start - @context), s.start) FROM pages p WHERE p.document_id = s.document_id AND p.number = s.page) ELSE '' END AS before,
         CASE WHEN @context > 0 AND s.question IS NULL THEN (SELECT slice16(p.text, s.end, s.end + @context) FROM pages p WHERE p.document_id = s.document_id AND p.number = s.page) ELSE '' END AS after
       ${from} ORDER BY s.id LIMIT @limit`,
    )
    .all(...predicate.params, { context, limit: limit + 1 }) as Row[];
  const more = rows.length > limit;
  rows.length = Math.min(rows.length, limit);
  const codings = db.sql.prepare('SELECT code_id, coder FROM live_codings WHERE segment_id = ? ORDER BY code_id, coder');
  const excerpts = rows.map((r): Excerpt => {
    const cs = codings.all(r.id) as { code_id: string; coder: string }[];
    return {
      segmentId: r.id,
      documentId: r.document_id,
      title: r.title,
      year: r.year,
      page: r.page,
      start: r.start,
      end: r.end,
      text: r.text,
      before: r.before,
      after: r.after,
      codes: [...new Set(cs.map((c) => c.code_id))],
      coders: [...new Set(cs.map((c) => c.coder))],
      citation: citeRow(r),
    };
  });
  return { query: expression, total, more, excerpts, ms: performance.now() - started };
}
