import { UsageError } from '../../errors.js';
import { ftsString } from '../search/fts.js';
import type { Db } from '../store/db.js';
import type { Node } from './ast.js';
import { caseAttribute } from '../cases/query.js';
import { resolveCodes } from './codes.js';
import { spans } from './spans.js';

// A coding that starts between segments has no segment id. A NULL in a set makes `id IN (set)`
// unknown rather than false for every other segment, and NOT of it drops them all. The + keeps
// SQLite from reading the test as a range on the segment index, which (after ANALYZE) it preferred
// to the code index for a phrase AND a code: 390 ms instead of 11 at 1M segments.
const SEGMENT_KNOWN = '+segment_id IS NOT NULL';

/** A SQL boolean expression over a segment (and its document) with its parameters, in order. */
export interface Predicate {
  sql: string;
  params: unknown[];
}

/** Document fields a query may compare directly; any other doc.KEY is a document attribute. */
const DOC_COLUMNS: Record<string, string> = {
  id: 'id',
  title: 'title',
  authors: 'authors',
  year: 'year',
  format: 'format',
  pages: 'page_count',
  status: 'status',
};

const NUMERIC_COLUMNS = new Set(['id', 'year', 'page_count']);
const NUMBER = /^-?\d+(\.\d+)?$/;

/** Aliases of the segment and document a predicate is about, and the coder an AND group names. */
export interface Scope {
  seg: string;
  doc: string;
  coder?: string;
}

/** Quotes user text as one FTS5 string (or prefix), so it is searched for, never parsed. */
function ftsTerm(value: string, phrase: boolean): string {
  const prefix = !phrase && value.endsWith('*');
  return prefix ? `${ftsString(value.slice(0, -1))}*` : ftsString(value);
}

/**
 * Compiles a query tree to a parameterised SQL predicate over `segments s JOIN documents d`. User
 * text only ever travels as a bound parameter. Code atoms are `s.id IN (…)` sets, which SQLite
 * can drive from the codings index instead of scanning every segment.
 */
export function compileQuery(db: Db, node: Node, scope: Scope = { seg: 's', doc: 'd' }): Predicate {
  const { seg, doc } = scope;
  switch (node.kind) {
    case 'or':
    case 'and': {
      let inner = scope;
      let items = node.items;
      if (node.kind === 'and') {
        // coder:NAME inside an AND group says whose codings the group's codes are.
        const coders = node.items.filter((n): n is Extract<Node, { kind: 'coder' }> => n.kind === 'coder');
        if (new Set(coders.map((c) => c.name)).size > 1) throw new UsageError('E_QUERY', `one AND group cannot name two coders (${coders.map((c) => c.name).join(', ')}); use OR between groups`);
        if (coders.length && node.items.some((n) => n.kind !== 'coder')) {
          inner = { ...scope, coder: coders[0]!.name };
          items = node.items.filter((n) => n.kind !== 'coder');
        }
      }
      const sets = node.kind === 'and' ? items.filter((n): n is Extract<Node, { kind: 'code' | 'text' }> => n.kind === 'code' || n.kind === 'text') : [];
      // Codes and text ANDed together are one INTERSECT of segment ids, found from the indexes
      // alone; testing each candidate segment against the other sets would read its row first.
      const intersect = sets.length > 1 ? [intersection(db, sets, inner, seg)] : [];
      const parts = [...intersect, ...items.filter((n) => intersect.length === 0 || !(sets as Node[]).includes(n)).map((n) => compileQuery(db, n, inner))];
      return { sql: `(${parts.map((p) => p.sql).join(node.kind === 'and' ? ' AND ' : ' OR ')})`, params: parts.flatMap((p) => p.params) };
    }
    case 'not': {
      // NOT of codes is checked per candidate through the codings index, rather than by building
      // the (often large) set of every segment that has the codes.
      const codings = codingsFilter(db, node.item, scope);
      if (codings) return { sql: `NOT EXISTS (SELECT 1 FROM live_codings x WHERE x.segment_id = ${seg}.id AND ${codings.sql})`, params: codings.params };
      const p = compileQuery(db, node.item, scope);
      return { sql: `NOT ${p.sql}`, params: p.params };
    }
    case 'code':
    case 'coder': {
      const c = codingsFilter(db, node, scope)!;
      return { sql: `${seg}.id IN (SELECT segment_id FROM live_codings WHERE ${c.sql} AND ${SEGMENT_KNOWN})`, params: c.params };
    }
    case 'text':
      return { sql: `${seg}.id IN (SELECT rowid FROM segments_fts WHERE segments_fts MATCH ?)`, params: [ftsTerm(node.value, node.phrase)] };
    case 'speaker':
      // The turn's speaker as ingest detected it (a paragraph continuing a turn included).
      return { sql: `${seg}.case_id IN (SELECT id FROM cases WHERE kind = 'speaker' AND label = ? COLLATE NOCASE)`, params: [node.name] };
    case 'question':
      return { sql: `${seg}.question = ? COLLATE NOCASE`, params: [node.name] };
    case 'attr':
      return node.of ? caseAttribute(node, seg) : attribute(node, doc, seg);
    case 'near': {
      // A segment of one side with a segment of the other side at most n apart in its document.
      // The candidates (either side's segments) come first: SQLite walks them in id order, the
      // order results are listed in, and stops at the LIMIT instead of pairing every match.
      const left = idSet(db, node.left, scope);
      const right = idSet(db, node.right, scope);
      const near = (x: Predicate, y: Predicate): Predicate => ({
        sql: `(${seg}.id IN (${x.sql}) AND EXISTS (SELECT 1 FROM segments n WHERE n.document_id = ${seg}.document_id AND n.seq BETWEEN ${seg}.seq - ? AND ${seg}.seq + ? AND n.id IN (${y.sql})))`,
        params: [...x.params, node.within, node.within, ...y.params],
      });
      const [a, b] = [near(left, right), near(right, left)];
      return { sql: `(${seg}.id IN (${left.sql} UNION ${right.sql}) AND (${a.sql} OR ${b.sql}))`, params: [...left.params, ...right.params, ...a.params, ...b.params] };
    }
    case 'span': {
      // The segments where the left operand's matching spans start (spans.ts says which spans).
      const p = spans(db, node, scope);
      return { sql: `${seg}.id IN (SELECT seg FROM (${p.sql}) WHERE seg IS NOT NULL)`, params: p.params };
    }
    case 'atleast': {
      // CASE, not the bare predicate: `x IN (…)` is NULL, not 0, when the set holds a NULL.
      const parts = node.items.map((n) => compileQuery(db, n, scope));
      // Measured: walking the segments in id order until the LIMIT beats first building the union
      // of the operands' sets (22 ms against 82 ms at 1M segments).
      return { sql: `(${parts.map((p) => `CASE WHEN ${p.sql} THEN 1 ELSE 0 END`).join(' + ')}) >= ?`, params: [...parts.flatMap((p) => p.params), node.k] };
    }
  }
}

/** The code ids a query's code pattern means; a pattern that means none is the user's mistake. */
export function queryCodes(db: Db, pattern: string): string[] {
  const codes = resolveCodes(db, pattern);
  if (!codes.length) throw new UsageError('E_QUERY', `no code matches "${pattern}" (see \`litkit framework show\`)`);
  return codes;
}

/** For a code or coder atom: the condition on a codings row that it stands for. */
function codingsFilter(db: Db, node: Node, scope: Scope): Predicate | undefined {
  if (node.kind === 'coder') return { sql: 'coder = ?', params: [node.name] };
  if (node.kind !== 'code') return undefined;
  const codes = queryCodes(db, node.pattern);
  return scope.coder
    ? { sql: 'code_id IN (SELECT value FROM json_each(?)) AND coder = ?', params: [JSON.stringify(codes), scope.coder] }
    : { sql: 'code_id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(codes)] };
}

/** `seg` is in every one of the code and text atoms' segment sets. */
function intersection(db: Db, atoms: Extract<Node, { kind: 'code' | 'text' }>[], scope: Scope, seg: string): Predicate {
  const sets = atoms.map((n): Predicate => {
    if (n.kind === 'text') return { sql: 'SELECT rowid FROM segments_fts WHERE segments_fts MATCH ?', params: [ftsTerm(n.value, n.phrase)] };
    const c = codingsFilter(db, n, scope)!;
    return { sql: `SELECT segment_id FROM live_codings WHERE ${c.sql} AND ${SEGMENT_KNOWN}`, params: c.params };
  });
  return { sql: `${seg}.id IN (${sets.map((p) => p.sql).join(' INTERSECT ')})`, params: sets.flatMap((p) => p.params) };
}

/** A subquery of the ids of the segments a node selects. */
function idSet(db: Db, node: Node, scope: Scope): Predicate {
  const codings = codingsFilter(db, node, scope);
  if (codings) return { sql: `SELECT segment_id FROM live_codings WHERE ${codings.sql}`, params: codings.params };
  const p = compileQuery(db, node, { ...scope, seg: 'q', doc: 'qd' });
  return { sql: `SELECT q.id FROM segments q JOIN documents qd ON qd.id = q.document_id WHERE ${p.sql}`, params: p.params };
}

function attribute(node: Extract<Node, { kind: 'attr' }>, doc: string, seg: string): Predicate {
  // Own keys only: doc.constructor or doc.__proto__ are attributes, never Object.prototype's.
  const key = node.key.toLowerCase();
  const column = Object.hasOwn(DOC_COLUMNS, key) ? DOC_COLUMNS[key] : undefined;
  const numbers = node.values.every((v) => NUMBER.test(v));
  // Numbers compare as numbers in numeric columns, and in attributes when the comparison orders.
  const asNumber = numbers && (column ? NUMERIC_COLUMNS.has(column) : ['<', '<=', '>', '>='].includes(node.op));
  const params = node.values.map((v) => (asNumber ? Number(v) : v));
  const rhs = node.op === 'in' ? `IN (${params.map(() => '?').join(', ')})` : `${node.op} ?`;
  if (column) return { sql: `${doc}.${column} ${rhs}`, params };
  const lhs = asNumber ? 'CAST(a.value AS REAL)' : 'a.value';
  return { sql: `EXISTS (SELECT 1 FROM document_attributes a WHERE a.document_id = ${seg}.document_id AND a.key = ? AND ${lhs} ${rhs})`, params: [node.key, ...params] };
}
