import type { Db } from '../store/db.js';
import type { Node, SpanOp } from './ast.js';
import { codingsFilter, compileQuery, type Predicate, type Scope } from './compile.js';

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
  if (node.kind === 'code') {
    const c = codingsFilter(db, node, scope)!;
    return { sql: `SELECT k.id AS cid, k.document_id AS doc, k.page, k.start, k.end, k.segment_id AS seg, g.seq FROM live_codings k LEFT JOIN segments g ON g.id = k.segment_id WHERE ${c.sql}`, params: c.params };
  }
  if (node.kind === 'or') {
    const parts = node.items.map((n) => spans(db, n, scope));
    return { sql: parts.map((p) => p.sql).join(' UNION ALL '), params: parts.flatMap((p) => p.params) };
  }
  if (node.kind === 'and') {
    // `a AND coder:amina` as an operand: amina's codings of a, with their own spans.
    const others = node.items.filter((n) => n.kind !== 'coder');
    const coders = node.items.filter((n): n is Extract<Node, { kind: 'coder' }> => n.kind === 'coder');
    if (others.length === 1 && coders.length && new Set(coders.map((c) => c.name)).size === 1) return spans(db, others[0]!, { ...scope, coder: coders[0]!.name });
  }
  if (node.kind === 'span') {
    const left = spans(db, node.left, scope);
    const right = spans(db, node.right, scope);
    const relation = RELATIONS[node.op](node.within);
    return {
      sql: `SELECT a.* FROM (${left.sql}) a WHERE EXISTS (SELECT 1 FROM (${right.sql}) b WHERE b.doc = a.doc AND ${relation.sql})`,
      params: [...left.params, ...right.params, ...relation.params],
    };
  }
  const p = compileQuery(db, node, { ...scope, seg: 'q', doc: 'qd' });
  return { sql: `SELECT -q.id AS cid, q.document_id AS doc, q.page, q.start, q.end, q.id AS seg, q.seq FROM segments q JOIN documents qd ON qd.id = q.document_id WHERE ${p.sql}`, params: p.params };
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
