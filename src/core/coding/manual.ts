import { UsageError } from '../../errors.js';
import { CITED_PARA, citeRow, type CitationColumns } from '../documents/citation.js';
import { getDocument } from '../documents/read.js';
import { audit } from '../store/audit.js';
import { findLoosely } from '../text/loose-find.js';
import type { Db } from '../store/db.js';

/** Where a manual coding goes: a quote to find, a whole segment, or offsets on a page. */
export type CodingTarget =
  | { quote: string; documentId: number; page?: number }
  | { segmentId: number }
  | { documentId: number; page: number; start: number; end: number };

export interface CodingInfo {
  id: number;
  code: string;
  coder: string;
  documentId: number;
  title: string;
  page: number;
  start: number;
  end: number;
  excerpt: string;
  citation: string;
  rule: string | null;
  evidence: unknown;
  /** Confidence (auto codings) or probability (suggestions). */
  score: number | null;
  /** A reviewer's verdict on an auto or suggested coding; null when unreviewed or a person's own. */
  status: CodingStatus | null;
  createdAt: string;
}

export type CodingStatus = 'accepted' | 'rejected';


/**
 * Finds a quote in a document's stored text, tolerant of differences in spaces, line breaks and
 * case (users paste quotes from PDFs and reports). Must be unique, or narrowed with a page.
 */
export function findQuote(db: Db, documentId: number, quote: string, page?: number): { page: number; start: number; end: number } {
  const doc = getDocument(db, documentId);
  if (!quote.trim()) throw new UsageError('E_USAGE', 'the quote is empty');
  const pages = db.sql
    .prepare(`SELECT number, text FROM pages WHERE document_id = ? ${page ? 'AND number = ?' : ''} ORDER BY number`)
    .all(...(page ? [documentId, page] : [documentId])) as { number: number; text: string }[];
  const found: { page: number; start: number; end: number }[] = [];
  for (const p of pages) for (const m of findLoosely(p.text, quote)) found.push({ page: p.number, ...m });
  const where = page ? ` on page ${page}` : '';
  if (found.length === 0) throw new UsageError('E_QUOTE_NOT_FOUND', `the quote is not in document ${documentId} (${doc.title})${where}; check it with \`litkit docs show ${documentId} --page N\``);
  if (found.length > 1) {
    const places = found.map((f) => `p. ${f.page} at ${f.start}`).join(', ');
    throw new UsageError('E_QUOTE_AMBIGUOUS', `the quote occurs ${found.length} times in document ${documentId} (${places}); give --page or a longer quote`);
  }
  return found[0]!;
}

function requireCode(db: Db, code: string): void {
  if (!db.sql.prepare('SELECT 1 FROM codes WHERE id = ?').get(code)) {
    throw new UsageError('E_NO_CODE', `no code "${code}" in the project's frameworks (see \`litkit framework show\`)`);
  }
}

/** Resolves a target to a document, page and offsets, checking they exist. */
function place(db: Db, target: CodingTarget): { documentId: number; page: number; start: number; end: number } {
  if ('quote' in target) return { documentId: target.documentId, ...findQuote(db, target.documentId, target.quote, target.page) };
  if ('segmentId' in target) {
    const seg = db.sql.prepare('SELECT document_id, page, start, end FROM segments WHERE id = ?').get(target.segmentId) as
      | { document_id: number; page: number; start: number; end: number }
      | undefined;
    if (!seg) throw new UsageError('E_NO_SEGMENT', `no segment ${target.segmentId}`);
    return { documentId: seg.document_id, page: seg.page, start: seg.start, end: seg.end };
  }
  const length = db.sql.prepare('SELECT length16(text) FROM pages WHERE document_id = ? AND number = ?').pluck().get(target.documentId, target.page) as number | undefined;
  if (length === undefined) throw new UsageError('E_NO_PAGE', `document ${target.documentId} has no page ${target.page}`);
  if (target.start < 0 || target.end <= target.start || target.end > length) {
    throw new UsageError('E_RANGE', `range ${target.start}:${target.end} is not within page ${target.page} (0:${length})`);
  }
  return target;
}

/** Adds a manual coding and returns it. */
export function addCoding(db: Db, code: string, target: CodingTarget, coder: string): CodingInfo {
  requireCode(db, code);
  const p = place(db, target);
  const segment = db.sql
    .prepare('SELECT id FROM segments WHERE document_id = ? AND page = ? AND start <= ? AND end > ? ORDER BY start LIMIT 1')
    .pluck()
    .get(p.documentId, p.page, p.start, p.start) as number | undefined;
  const id = db.transaction(() => {
    const r = db.sql
      .prepare('INSERT INTO codings (code_id, document_id, segment_id, page, start, end, coder, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(code, p.documentId, segment ?? null, p.page, p.start, p.end, coder, new Date().toISOString());
    audit(db, coder, 'coding.add', String(r.lastInsertRowid), { code, ...p });
    return Number(r.lastInsertRowid);
  });
  return getCoding(db, id);
}

/** Removes codings by id; returns what was removed. */
export function removeCodings(db: Db, ids: number[], actor: string): CodingInfo[] {
  const removed = ids.map((id) => getCoding(db, id));
  db.transaction(() => {
    for (const c of removed) {
      db.sql.prepare('DELETE FROM codings WHERE id = ?').run(c.id);
      audit(db, actor, 'coding.rm', String(c.id), { code: c.code, coder: c.coder, documentId: c.documentId, page: c.page, start: c.start, end: c.end });
    }
  });
  return removed;
}

interface CodingRow extends CitationColumns {
  id: number;
  code_id: string;
  coder: string;
  document_id: number;
  start: number;
  end: number;
  excerpt: string;
  rule: string | null;
  evidence: string | null;
  score: number | null;
  status: CodingStatus | null;
  created_at: string;
}

const CODING_SQL = `SELECT k.id, k.code_id, k.coder, k.document_id, d.title, d.year, d.format, d.page_count, k.page, k.start, k.end,
    slice16(p.text, k.start, k.end) AS excerpt, k.rule, k.evidence, k.score, k.status, k.created_at, ${CITED_PARA}
  FROM codings k JOIN documents d ON d.id = k.document_id
  JOIN pages p ON p.document_id = k.document_id AND p.number = k.page
  LEFT JOIN segments s ON s.id = k.segment_id`;

function toInfo(r: CodingRow): CodingInfo {
  return {
    id: r.id,
    code: r.code_id,
    coder: r.coder,
    documentId: r.document_id,
    title: r.title,
    page: r.page,
    start: r.start,
    end: r.end,
    excerpt: r.excerpt,
    citation: citeRow(r),
    rule: r.rule,
    evidence: r.evidence ? JSON.parse(r.evidence) : null,
    score: r.score,
    status: r.status,
    createdAt: r.created_at,
  };
}

export function getCoding(db: Db, id: number): CodingInfo {
  const row = db.sql.prepare(`${CODING_SQL} WHERE k.id = ?`).get(id) as CodingRow | undefined;
  if (!row) throw new UsageError('E_NO_CODING', `no coding with id ${id}`);
  return toInfo(row);
}

export interface CodingFilter {
  /** A code id; `employment.*` means the code's descendants, `employment*` the code and them. */
  code?: string;
  coder?: string;
  documentId?: number;
  /** Reviewed and accepted, rejected, or not reviewed yet (auto and suggested codings). */
  status?: 'accepted' | 'rejected' | 'unreviewed';
  limit?: number;
}

/** The WHERE clause (and its parameters) that selects the codings a filter names. */
function codingWhere(db: Db, filter: CodingFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.code) {
    // A pattern that names no code is a mistake, as in queries, not an empty answer.
    if (filter.code.includes('*') ? !db.sql.prepare('SELECT 1 FROM codes WHERE id GLOB ?').get(filter.code) : !db.sql.prepare('SELECT 1 FROM codes WHERE id = ?').get(filter.code)) requireCode(db, filter.code);
    where.push(filter.code.includes('*') ? 'k.code_id GLOB ?' : 'k.code_id = ?');
    params.push(filter.code);
  }
  if (filter.coder) {
    where.push('k.coder = ?');
    params.push(filter.coder);
  }
  if (filter.documentId !== undefined) {
    where.push('k.document_id = ?');
    params.push(filter.documentId);
  }
  if (filter.status === 'unreviewed') where.push("k.status IS NULL AND k.coder IN ('auto', 'suggest')");
  else if (filter.status) {
    where.push('k.status = ?');
    params.push(filter.status);
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** Codings matching the filter, in document order. */
export function listCodings(db: Db, filter: CodingFilter = {}): CodingInfo[] {
  const { sql: where, params } = codingWhere(db, filter);
  const sql = `${CODING_SQL} ${where} ORDER BY k.document_id, k.page, k.start, k.code_id${filter.limit ? ' LIMIT ?' : ''}`;
  return (db.sql.prepare(sql).all(...params, ...(filter.limit ? [filter.limit] : [])) as CodingRow[]).map(toInfo);
}

/** How many codings match the filter, its limit aside (for "showing N of M"). */
export function countCodings(db: Db, filter: CodingFilter = {}): number {
  const { sql: where, params } = codingWhere(db, filter);
  return db.sql.prepare(`SELECT count(*) FROM codings k ${where}`).pluck().get(...params) as number;
}
