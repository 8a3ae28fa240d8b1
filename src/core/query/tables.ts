import { UsageError } from '../../errors.js';
import type { Db } from '../store/db.js';
import { resolveCodes } from './codes.js';
import { wherePredicate } from './where.js';

/** A count table: rows × columns of counts. */
export interface Matrix {
  rows: string[];
  columns: string[];
  cells: number[][];
  /** What a cell counts. */
  unit: 'excerpts' | 'documents';
}

export interface MatrixOptions {
  /** Row codes: a pattern as in queries (`employment.*`), default every code. */
  codes?: string;
  /** docs, attr:KEY, case.KEY, speaker.KEY, or codes. */
  columns: string;
  count?: 'excerpts' | 'documents';
  /** Only codings of this coder. */
  coder?: string;
  /** Only segments this query selects. */
  where?: string;
}

/** Restrictions on the codings a table counts, as SQL over codings `k`. */
function scope(db: Db, options: { coder?: string; where?: string }): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (options.coder) {
    parts.push('k.coder = ?');
    params.push(options.coder);
  }
  if (options.where) {
    const p = wherePredicate(db, options.where);
    parts.push(`k.segment_id IN (SELECT s.id FROM segments s JOIN documents d ON d.id = s.document_id WHERE ${p.sql})`);
    params.push(...p.params);
  }
  return { sql: parts.length ? `AND ${parts.join(' AND ')}` : '', params };
}

/** Codes a row pattern means, in framework order. */
export function codesFor(db: Db, pattern?: string): string[] {
  if (!pattern) return db.sql.prepare('SELECT id FROM codes ORDER BY framework_id, position').pluck().all() as string[];
  const matched = resolveCodes(db, pattern);
  if (!matched.length) throw new UsageError('E_QUERY', `no code matches "${pattern}"`);
  return matched;
}

function fill(rows: string[], columns: string[], counts: { r: string; c: string; n: number }[], unit: Matrix['unit']): Matrix {
  const ri = new Map(rows.map((r, i) => [r, i]));
  const ci = new Map(columns.map((c, i) => [c, i]));
  const cells = rows.map(() => columns.map(() => 0));
  for (const x of counts) {
    const i = ri.get(x.r);
    const j = ci.get(x.c);
    if (i !== undefined && j !== undefined) cells[i]![j] = x.n;
  }
  return { rows, columns, cells, unit };
}

/**
 * Codes × documents, attribute values, or codes: per cell, the excerpts (distinct segments) or
 * documents coded with the row code (and, for code columns, also with the column code).
 */
export function matrix(db: Db, options: MatrixOptions): Matrix {
  const rows = codesFor(db, options.codes);
  const unit = options.count ?? 'excerpts';
  const counted = unit === 'excerpts' ? 'count(DISTINCT k.segment_id)' : 'count(DISTINCT k.document_id)';
  const sc = scope(db, options);
  const codes = JSON.stringify(rows);
  if (options.columns === 'docs') {
    const docs = db.sql.prepare('SELECT id, title FROM documents ORDER BY id').all() as { id: number; title: string }[];
    const counts = db.sql
      .prepare(`SELECT k.code_id AS r, CAST(k.document_id AS TEXT) AS c, ${counted} AS n FROM live_codings k
        WHERE k.code_id IN (SELECT value FROM json_each(?)) ${sc.sql} GROUP BY 1, 2`)
      .all(codes, ...sc.params) as { r: string; c: string; n: number }[];
    const m = fill(rows, docs.map((d) => String(d.id)), counts, unit);
    return { ...m, columns: docs.map((d) => `${d.id}: ${d.title}`) };
  }
  if (options.columns.startsWith('attr:')) {
    const key = options.columns.slice(5);
    const values = db.sql.prepare("SELECT DISTINCT coalesce(a.value, '(none)') FROM documents d LEFT JOIN document_attributes a ON a.document_id = d.id AND a.key = ? ORDER BY 1").pluck().all(key) as string[];
    if (values.length === 1 && values[0] === '(none)') throw new UsageError('E_USAGE', `no document has the attribute "${key}"`);
    const counts = db.sql
      .prepare(`SELECT k.code_id AS r, coalesce(a.value, '(none)') AS c, ${counted} AS n FROM live_codings k
        LEFT JOIN document_attributes a ON a.document_id = k.document_id AND a.key = ?
        WHERE k.code_id IN (SELECT value FROM json_each(?)) ${sc.sql} GROUP BY 1, 2`)
      .all(key, codes, ...sc.params) as { r: string; c: string; n: number }[];
    return fill(rows, values, counts, unit);
  }
  if (options.columns === 'codes' || options.columns.startsWith('codes:')) {
    const columns = options.columns === 'codes' ? rows : codesFor(db, options.columns.slice(6));
    const counts = db.sql
      .prepare(`SELECT k.code_id AS r, b.code_id AS c, ${counted} AS n FROM live_codings k
        JOIN live_codings b ON b.segment_id = k.segment_id ${options.coder ? 'AND b.coder = k.coder' : ''}
        WHERE k.code_id IN (SELECT value FROM json_each(?)) AND b.code_id IN (SELECT value FROM json_each(?)) ${sc.sql} GROUP BY 1, 2`)
      .all(codes, JSON.stringify(columns), ...sc.params) as { r: string; c: string; n: number }[];
    return fill(rows, columns, counts, unit);
  }
  const of = /^(case|speaker)\.([\p{L}\p{N}_-]+)$/iu.exec(options.columns);
  if (of) {
    // Only segments of cases count: survey answers, transcript turns (speaker.: turns only).
    const key = of[2]!.toLowerCase();
    const kind = of[1]!.toLowerCase() === 'speaker' ? "AND c.kind = 'speaker'" : '';
    const cases = `FROM cases c LEFT JOIN case_attributes v ON v.case_id = c.id AND v.key = ? WHERE 1 ${kind}`;
    const values = db.sql.prepare(`SELECT DISTINCT CAST(v.value AS TEXT) ${cases} AND v.value IS NOT NULL ORDER BY typeof(v.value) = 'text', v.value`).pluck().all(key) as string[];
    if (!values.length) throw new UsageError('E_USAGE', `no ${of[1]!.toLowerCase() === 'speaker' ? 'speaker' : 'case'} has the attribute "${key}" (see \`litkit speakers list\`)`);
    const counts = db.sql
      .prepare(`SELECT k.code_id AS r, coalesce(CAST(v.value AS TEXT), '(none)') AS c, ${counted} AS n FROM live_codings k
        JOIN segments s ON s.id = k.segment_id JOIN cases c ON c.id = s.case_id ${kind}
        LEFT JOIN case_attributes v ON v.case_id = c.id AND v.key = ?
        WHERE k.code_id IN (SELECT value FROM json_each(?)) ${sc.sql} GROUP BY 1, 2`)
      .all(key, codes, ...sc.params) as { r: string; c: string; n: number }[];
    // Cases without the attribute get a column only when something of theirs is counted.
    return fill(rows, counts.some((x) => x.c === '(none)') ? ['(none)', ...values] : values, counts, unit);
  }
  throw new UsageError('E_USAGE', `--cols takes docs, attr:KEY, case.KEY, speaker.KEY or codes (or codes:PATTERN), got "${options.columns}"`);
}

/**
 * Codes × codes: segments coded with the row code that also carry the column code, in the same
 * segment or (window n) within n segments of it in the same document. The diagonal counts the
 * code's own segments.
 */
export function cooccurrence(db: Db, options: { codes?: string; window?: number; coder?: string; where?: string }): Matrix {
  const rows = codesFor(db, options.codes);
  const window = options.window ?? 0;
  const sc = scope(db, options);
  const codes = JSON.stringify(rows);
  const counts = db.sql
    .prepare(
      `WITH c AS (SELECT DISTINCT k.code_id, k.segment_id, s.document_id, s.seq FROM live_codings k JOIN segments s ON s.id = k.segment_id
                  WHERE k.code_id IN (SELECT value FROM json_each(?)) ${sc.sql})
       SELECT a.code_id AS r, b.code_id AS c, count(DISTINCT a.segment_id) AS n
       FROM c a JOIN c b ON b.document_id = a.document_id AND b.seq BETWEEN a.seq - ? AND a.seq + ?
       GROUP BY 1, 2`,
    )
    .all(codes, ...sc.params, window, window) as { r: string; c: string; n: number }[];
  return fill(rows, rows, counts, 'excerpts');
}

export interface CodeSummary {
  code: string;
  label: string;
  definition: string | null;
  excerpts: number;
  documents: number;
  coders: string[];
}

/** Every code with its definition and how much evidence it has: excerpts, documents, coders. */
export function codeSummary(db: Db, options: { codes?: string; coder?: string; where?: string } = {}): CodeSummary[] {
  const rows = codesFor(db, options.codes);
  const sc = scope(db, options);
  const stats = db.sql
    .prepare(
      `SELECT c.id, c.label, c.definition, count(DISTINCT k.segment_id) AS excerpts, count(DISTINCT k.document_id) AS documents,
         group_concat(DISTINCT k.coder) AS coders
       FROM codes c LEFT JOIN live_codings k ON k.code_id = c.id ${sc.sql}
       WHERE c.id IN (SELECT value FROM json_each(?)) GROUP BY c.id`,
    )
    .all(...sc.params, JSON.stringify(rows)) as { id: string; label: string; definition: string | null; excerpts: number; documents: number; coders: string | null }[];
  const byId = new Map(stats.map((s) => [s.id, s]));
  return rows.map((id) => {
    const s = byId.get(id)!;
    return { code: id, label: s.label, definition: s.definition, excerpts: s.excerpts, documents: s.documents, coders: s.coders ? s.coders.split(',').sort() : [] };
  });
}
