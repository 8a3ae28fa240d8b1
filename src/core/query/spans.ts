import type { Db } from '../store/db.js';
import type { Node, SpanOp } from './ast.js';
import { compileQuery, queryCodes, type Predicate, type Scope } from './compile.js';

/**
 * Span operators compare where things are in a document. An operand's spans are its codings'
 * (document, page, start, end) when it is a code (or an OR of codes, or a code with coder:NAME in
 * an AND group); for any other expression, the spans of the segments it selects. The result of
 * `A op B` is A's spans that stand in the relation to at least one span of B (as ATLAS.ti's
 * proximity operators and MAXQDA's "if inside" / "followed by" return A's segments), so it can be
 * an operand again: `(a INSIDE b) PRECEDES c` is a's codings inside a b that come before a c.
 *
 * Every span subquery has the columns cid (the coding's id, or minus the segment's id, so that a
 * span is never compared with itself), doc, page, start, end, seg (the segment the span starts
 * in, which is what a query returns) and seq (that segment's place in its document, for /n).
 */
export function spans(db: Db, node: Node, scope: Scope): Predicate {
  return spansOf(db, node, scope, { next: 0 }, false);
}

// `seq` costs a read of each coding's segment, so it is only looked up where a /n needs it.
function spansOf(db: Db, node: Node, scope: Scope, names: { next: number }, seq: boolean): Predicate {
  if (node.kind === 'code') {
    // The codes as a list of parameters, not json_each: SQLite then knows how few they are and
    // reads the codings through the code index rather than scanning the table.
    const codes = queryCodes(db, node.pattern);
    const coder = scope.coder ? ' AND k.coder = ?' : '';
    return {
      sql: `SELECT k.id AS cid, k.document_id AS doc, k.page, k.start, k.end, k.segment_id AS seg, ${seq ? 'g.seq' : 'NULL AS seq'} FROM live_codings k ${seq ? 'LEFT JOIN segments g ON g.id = k.segment_id ' : ''}WHERE k.code_id IN (${codes.map(() => '?').join(', ')})${coder}`,
      params: scope.coder ? [...codes, scope.coder] : codes,
    };
  }
  if (node.kind === 'or') {
    const parts = node.items.map((n) => spansOf(db, n, scope, names, seq));
    // Each part in its own FROM: a part may start with WITH, which a compound cannot hold.
    return { sql: parts.map((p) => `SELECT * FROM (${p.sql})`).join(' UNION ALL '), params: parts.flatMap((p) => p.params) };
  }
  if (node.kind === 'and') {
    // `a AND coder:amina` as an operand: amina's codings of a, with their own spans.
    const others = node.items.filter((n) => n.kind !== 'coder');
    const coders = node.items.filter((n): n is Extract<Node, { kind: 'coder' }> => n.kind === 'coder');
    if (others.length === 1 && coders.length && new Set(coders.map((c) => c.name)).size === 1) return spansOf(db, others[0]!, { ...scope, coder: coders[0]!.name }, names, seq);
  }
  if (node.kind === 'span') return relate(db, node, scope, names, seq);
  const p = compileQuery(db, node, { ...scope, seg: 'q', doc: 'qd' });
  return { sql: `SELECT -q.id AS cid, q.document_id AS doc, q.page, q.start, q.end, q.id AS seg, q.seq FROM segments q JOIN documents qd ON qd.id = q.document_id WHERE ${p.sql}`, params: p.params };
}

// Positions as one number, page then offset, so "later in the document" is one comparison.
const POS = (alias: string, column: 'start' | 'end') => `(${alias}.page * 4294967296 + ${alias}.${column})`;

/**
 * The left spans that stand in the relation to a right span. The right side is materialised once
 * (SQLite indexes it on the fly); PRECEDES and FOLLOWS without /n only need the right side's last
 * start or first end in each document, so they compare with that one number per document.
 */
function relate(db: Db, node: Extract<Node, { kind: 'span' }>, scope: Scope, names: { next: number }, seq: boolean): Predicate {
  const within = node.within !== undefined;
  const left = spansOf(db, node.left, scope, names, seq || within);
  const right = spansOf(db, node.right, scope, names, within);
  const r = `r${names.next++}`;
  const params = [...right.params, ...left.params];
  if (node.within === undefined && (node.op === 'precedes' || node.op === 'follows')) {
    const [bound, test] = node.op === 'precedes' ? [`max(${POS('b', 'start')})`, `${POS('a', 'end')} <= ${r}.pos`] : [`min(${POS('b', 'end')})`, `${POS('a', 'start')} >= ${r}.pos`];
    return { sql: `WITH ${r} AS MATERIALIZED (SELECT b.doc, ${bound} AS pos FROM (${right.sql}) b GROUP BY b.doc) SELECT a.* FROM (${left.sql}) a JOIN ${r} ON ${r}.doc = a.doc WHERE ${test}`, params };
  }
  const relation = RELATIONS[node.op](node.within);
  return {
    sql: `WITH ${r} AS MATERIALIZED (${right.sql}) SELECT a.* FROM (${left.sql}) a WHERE EXISTS (SELECT 1 FROM ${r} b WHERE b.doc = a.doc AND ${relation.sql})`,
    params: [...params, ...relation.params],
  };
}

// Offsets are into the page's text and a coding never crosses a page, so document order is
// (page, offset). A span ending where the next starts (touching) precedes it and does not overlap it.
const RELATIONS: Record<SpanOp, (within?: number) => Predicate> = {
  precedes: (n) => ({
    sql: `(b.page > a.page OR (b.page = a.page AND b.start >= a.end))${n === undefined ? '' : ' AND b.seq BETWEEN a.seq AND a.seq + ?'}`,
    params: n === undefined ? [] : [n],
  }),
  follows: (n) => ({
    sql: `(a.page > b.page OR (a.page = b.page AND a.start >= b.end))${n === undefined ? '' : ' AND a.seq BETWEEN b.seq AND b.seq + ?'}`,
    params: n === undefined ? [] : [n],
  }),
  encloses: () => ({ sql: 'b.page = a.page AND b.start >= a.start AND b.end <= a.end AND b.cid != a.cid', params: [] }),
  inside: () => ({ sql: 'b.page = a.page AND a.start >= b.start AND a.end <= b.end AND b.cid != a.cid', params: [] }),
  overlaps: () => ({ sql: 'b.page = a.page AND b.start < a.end AND a.start < b.end AND b.cid != a.cid', params: [] }),
};
