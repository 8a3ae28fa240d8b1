import { UsageError } from '../../errors.js';
import { CITED_PARA, citeRow, type CitationColumns } from '../documents/citation.js';
import type { Db } from '../store/db.js';
import { checkQueryLength, queryLimits, tooDeep } from '../query/parse.js';
import { ftsString } from './fts.js';

export interface SearchOptions {
  limit?: number;
  /** Marks around each hit in the snippet. */
  mark?: [string, string];
  /** Words of context in the snippet. */
  snippetWords?: number;
}

export interface SearchHit {
  segmentId: number;
  documentId: number;
  title: string;
  year: number | null;
  page: number;
  start: number;
  end: number;
  snippet: string;
  citation: string;
  score: number;
}

interface HitRow extends CitationColumns {
  segment_id: number;
  document_id: number;
  start: number;
  end: number;
  snippet: string;
  score: number;
  phrase: number;
}

/** FTS5 syntax a user may type: quotes, operators, grouping, prefix stars, column filters, NEAR. */
const FTS_SYNTAX = /["*():^+]|\b(AND|OR|NOT|NEAR)\b/;

/**
 * Words only (no FTS5 syntax): the query finds segments with all the words, and segments with the
 * words as an exact phrase rank first; otherwise the query is passed to FTS5 as written.
 */
function plan(query: string): { match: string; phrase?: string } {
  const trimmed = query.trim();
  if (FTS_SYNTAX.test(trimmed)) return { match: trimmed };
  const words = trimmed.split(/\s+/).filter(Boolean);
  return { match: words.map(ftsString).join(' '), phrase: words.length > 1 ? ftsString(words.join(' ')) : undefined };
}

/** How deeply a search nests parentheses outside quoted phrases (FTS5 parses them recursively). */
function parenthesisDepth(query: string): number {
  let depth = 0;
  let deepest = 0;
  let quoted = false;
  for (const c of query) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '(') deepest = Math.max(deepest, ++depth);
    else if (!quoted && c === ')') depth = Math.max(0, depth - 1);
  }
  return deepest;
}

/**
 * Full-text search over segments, ranked by BM25 (exact phrases first for plain-word queries),
 * each hit with a marked snippet and a citation.
 */
export function search(db: Db, query: string, options: SearchOptions = {}): SearchHit[] {
  if (!query.trim()) throw new UsageError('E_QUERY', 'the search query is empty');
  const limits = queryLimits(db);
  checkQueryLength(query, limits);
  if (parenthesisDepth(query) > limits.maxDepth) throw tooDeep(limits);
  const { match, phrase } = plan(query);
  const [open, close] = options.mark ?? ['**', '**'];
  const sql = `
    SELECT s.id AS segment_id, s.document_id, d.title, d.year, d.format, d.page_count, s.page, ${CITED_PARA}, s.start, s.end,
           snippet(segments_fts, 0, @open, @close, '…', @words) AS snippet,
           bm25(segments_fts) AS score,
           ${phrase ? 's.id IN (SELECT rowid FROM segments_fts WHERE segments_fts MATCH @phrase)' : '0'} AS phrase
    FROM segments_fts
    JOIN segments s ON s.id = segments_fts.rowid
    JOIN documents d ON d.id = s.document_id
    WHERE segments_fts MATCH @match
    ORDER BY phrase DESC, score
    LIMIT @limit`;
  let rows: HitRow[];
  try {
    const params = { open, close, match, words: options.snippetWords ?? 16, limit: options.limit ?? 20 };
    rows = db.sql.prepare(sql).all(phrase ? { ...params, phrase } : params) as HitRow[];
  } catch (err) {
    // The statement itself is fixed, so an SQLite error here is FTS5 rejecting the query text.
    if (err instanceof Error && err.name === 'SqliteError' && (err as { code?: string }).code === 'SQLITE_ERROR') {
      throw new UsageError('E_QUERY', `cannot search for ${JSON.stringify(query)}: ${err.message.replace(/^fts5: /, '')}`);
    }
    throw err;
  }
  return rows.map((r) => ({
    segmentId: r.segment_id,
    documentId: r.document_id,
    title: r.title,
    year: r.year,
    page: r.page,
    start: r.start,
    end: r.end,
    snippet: r.snippet.replace(/\s+/g, ' ').trim(),
    citation: citeRow(r),
    score: -r.score,
  }));
}

/** How many segments a search matches in all, so a capped listing can say "showing N of M". */
export function searchTotal(db: Db, query: string): number {
  const { match } = plan(query);
  try {
    return db.sql.prepare('SELECT count(*) FROM segments_fts WHERE segments_fts MATCH ?').pluck().get(match) as number;
  } catch {
    // `search` has already reported a query FTS5 rejects; a count is not worth a second error.
    return 0;
  }
}
