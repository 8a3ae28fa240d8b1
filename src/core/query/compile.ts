import { UsageError } from '../../errors.js';
import type { Db } from '../store/db.js';
import type { Node } from './ast.js';

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

interface Scope {
  seg: string;
  doc: string;
  coder?: string;
}

/** The code ids a pattern means: `race` is the code and its sub-codes, `employment.*` the sub-codes, `*` globs. */
function resolveCodes(db: Db, pattern: string): string[] {
  const glob = pattern.includes('*') ? pattern : null;
  const ids = glob
    ? (db.sql.prepare('SELECT id FROM codes WHERE id GLOB ? ORDER BY id').pluck().all(glob) as string[])
    : (db.sql.prepare("SELECT id FROM codes WHERE id = ? OR id GLOB ? || '.*' ORDER BY id").pluck().all(pattern, pattern) as string[]);
  return ids;
}

/** Quotes user text as one FTS5 string (or prefix), so it is searched for, never parsed. */
function ftsTerm(value: string, phrase: boolean): string {
  const prefix = !phrase && value.endsWith('*');
  const body = (prefix ? value.slice(0, -1) : value).replace(/"/g, '""');
  return `"${body}"${prefix ? '*' : ''}`;
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
      const parts = items.map((n) => compileQuery(db, n, inner));
      return { sql: `(${parts.map((p) => p.sql).join(node.kind === 'and' ? ' AND ' : ' OR ')})`, params: parts.flatMap((p) => p.params) };
    }
    case 'not': {
      const p = compileQuery(db, node.item, scope);
      return { sql: `NOT ${p.sql}`, params: p.params };
    }
    case 'code': {
      const codes = resolveCodes(db, node.pattern);
      if (!codes.length) throw new UsageError('E_QUERY', `no code matches "${node.pattern}" (see \`litkit framework show\`)`);
      const coder = scope.coder ? ' AND coder = ?' : '';
      return {
        sql: `${seg}.id IN (SELECT segment_id FROM codings WHERE code_id IN (SELECT value FROM json_each(?))${coder})`,
        params: scope.coder ? [JSON.stringify(codes), scope.coder] : [JSON.stringify(codes)],
      };
    }
    case 'coder':
      return { sql: `${seg}.id IN (SELECT segment_id FROM codings WHERE coder = ?)`, params: [node.name] };
    case 'text':
      return { sql: `${seg}.id IN (SELECT rowid FROM segments_fts WHERE segments_fts MATCH ?)`, params: [ftsTerm(node.value, node.phrase)] };
    case 'speaker':
      // Transcripts mark turns as "Name: words"; a segment is a turn of the speaker it starts with.
      return { sql: `lower(substr(${seg}.text, 1, ?)) = lower(?)`, params: [node.name.length + 1, `${node.name}:`] };
    case 'attr':
      return attribute(node, doc, seg);
    case 'near': {
      // Both ends of a match are results: segments of A with B nearby, and segments of B with A nearby.
      const t = `${seg}n`;
      const nearby = (here: Node, there: Node): Predicate => {
        const a = compileQuery(db, here, scope);
        const b = compileQuery(db, there, { ...scope, seg: t });
        return {
          sql: `(${a.sql} AND EXISTS (SELECT 1 FROM segments ${t} WHERE ${t}.document_id = ${seg}.document_id AND ${t}.seq BETWEEN ${seg}.seq - ? AND ${seg}.seq + ? AND ${b.sql}))`,
          params: [...a.params, node.within, node.within, ...b.params],
        };
      };
      const x = nearby(node.left, node.right);
      const y = nearby(node.right, node.left);
      return { sql: `(${x.sql} OR ${y.sql})`, params: [...x.params, ...y.params] };
    }
  }
}

function attribute(node: Extract<Node, { kind: 'attr' }>, doc: string, seg: string): Predicate {
  const column = DOC_COLUMNS[node.key.toLowerCase()];
  const numbers = node.values.every((v) => NUMBER.test(v));
  // Numbers compare as numbers in numeric columns, and in attributes when the comparison orders.
  const asNumber = numbers && (column ? NUMERIC_COLUMNS.has(column) : ['<', '<=', '>', '>='].includes(node.op));
  const params = node.values.map((v) => (asNumber ? Number(v) : v));
  const rhs = node.op === 'in' ? `IN (${params.map(() => '?').join(', ')})` : `${node.op} ?`;
  if (column) return { sql: `${doc}.${column} ${rhs}`, params };
  const lhs = asNumber ? 'CAST(a.value AS REAL)' : 'a.value';
  return { sql: `EXISTS (SELECT 1 FROM document_attributes a WHERE a.document_id = ${seg}.document_id AND a.key = ? AND ${lhs} ${rhs})`, params: [node.key, ...params] };
}
