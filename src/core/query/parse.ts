import { LitkitError, ExitCode, UsageError } from '../../errors.js';
import type { Db } from '../store/db.js';
import { DEFAULT_LIMITS, readLimits } from '../store/limits.js';
import type { Comparison, Node, SpanOp } from './ast.js';

/** How long and how deeply nested a query may be (`limits.max-query-chars`, `limits.max-query-depth`). */
export interface QueryLimits {
  maxChars: number;
  maxDepth: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxChars: DEFAULT_LIMITS.maxQueryChars, maxDepth: DEFAULT_LIMITS.maxQueryDepth };

/** The project's query limits (its settings, else the defaults). */
export function queryLimits(db: Db): QueryLimits {
  const l = readLimits(db);
  return { maxChars: l.maxQueryChars, maxDepth: l.maxQueryDepth };
}

/** Refuses a query over the length limit, before any work is done on it. */
export function checkQueryLength(src: string, limits: QueryLimits = DEFAULT_QUERY_LIMITS): void {
  if (src.length > limits.maxChars) {
    throw new UsageError('E_QUERY', `the query is ${src.length} characters long, over the limit of ${limits.maxChars} (limits.max-query-chars)`);
  }
}

/** The one-line error for a query nested deeper than the limit. */
export function tooDeep(limits: QueryLimits): UsageError {
  return new UsageError('E_QUERY', `the query nests parentheses or NOTs more than ${limits.maxDepth} deep (limits.max-query-depth)`);
}

/** A query that does not parse: the message shows the expression with a caret under the place. */
export class QuerySyntaxError extends LitkitError {
  constructor(
    readonly expression: string,
    readonly position: number,
    readonly expected: string,
  ) {
    super('E_QUERY_SYNTAX', `query syntax error at column ${position + 1}: expected ${expected}`, ExitCode.usage);
    this.name = 'QuerySyntaxError';
  }

  /** The error line, then the expression with a caret under the place. */
  override line(): string {
    return `${super.line()}\n  ${this.expression}\n  ${' '.repeat(this.position)}^`;
  }
}

type TokenKind = 'word' | 'string' | 'lparen' | 'rparen' | 'comma' | 'op' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
}

const OPS = ['<=', '>=', '!=', '=', '<', '>'];

function lex(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', text: c, pos: i++ });
    } else if (c === '"' || c === "'") {
      const end = src.indexOf(c, i + 1);
      if (end === -1) throw new QuerySyntaxError(src, i, `a closing ${c}`);
      tokens.push({ kind: 'string', text: src.slice(i + 1, end), pos: i });
      i = end + 1;
    } else {
      const op = OPS.find((o) => src.startsWith(o, i));
      if (op) {
        tokens.push({ kind: 'op', text: op, pos: i });
        i += op.length;
        continue;
      }
      const start = i;
      while (i < src.length && !/[\s(),"'<>=!]/.test(src[i]!)) i++;
      if (i === start) throw new QuerySyntaxError(src, i, 'a code, text:, doc., coder:, speaker: or "("');
      tokens.push({ kind: 'word', text: src.slice(start, i), pos: start });
    }
  }
  tokens.push({ kind: 'end', text: '', pos: src.length });
  return tokens;
}

const CODE = /^[a-z][a-z0-9-]*(\.[a-z0-9*][a-z0-9*-]*)*\*?$/i;
// Binary operators between atoms, all at NEAR's level; PRECEDES and FOLLOWS take /n as NEAR does.
const BINARY = /^(near|precedes|follows)\/(\d+)$|^(precedes|follows|encloses|inside|overlaps)$/i;
const ATOM = 'a code, text:, doc., coder:, speaker:, NOT or "("';

/**
 * Parses a query: code ids (with * wildcards), AND, OR, NOT, parentheses, `A NEAR/n B`,
 * `A PRECEDES[/n] B`, `A FOLLOWS[/n] B`, `A ENCLOSES B`, `A INSIDE B`, `A OVERLAPS B`,
 * `atleast(k, A, B, …)`, text:"phrase", doc.KEY = value (=, !=, <, <=, >, >=, in (a, b)),
 * case.KEY and speaker.KEY (the same, over the attributes of a survey respondent or transcript
 * speaker), coder:NAME, speaker:NAME, question:ID. Precedence, loosest first: OR, AND, NOT, then
 * NEAR and the span operators (left to right).
 */
export function parseQuery(src: string, limits: QueryLimits = DEFAULT_QUERY_LIMITS): Node {
  checkQueryLength(src, limits);
  const tokens = lex(src);
  let i = 0;
  // Every level of nesting costs stack frames; bounded, deep nesting is an error, not a crash.
  let depth = 0;
  const enter = () => {
    if (++depth > limits.maxDepth) throw tooDeep(limits);
  };
  const peek = () => tokens[i]!;
  const next = () => tokens[i++]!;
  const isWord = (w: string) => peek().kind === 'word' && peek().text.toUpperCase() === w;
  const fail = (expected: string): never => {
    throw new QuerySyntaxError(src, peek().pos, expected);
  };

  const value = (): string => {
    const t = peek();
    if (t.kind === 'string' || t.kind === 'word') return next().text;
    return fail('a value');
  };

  const prefixed = (t: Token, prefix: string): string => {
    const rest = t.text.slice(prefix.length);
    if (rest) return rest;
    if (peek().kind === 'string') return next().text;
    return fail(`a value after ${prefix}`);
  };

  const primary = (): Node => {
    const t = peek();
    if (t.kind === 'lparen') {
      next();
      enter();
      const inner = or();
      depth--;
      if (peek().kind !== 'rparen') fail('")"');
      next();
      return inner;
    }
    if (t.kind === 'string') return fail(`${ATOM} (quoted text goes after text:)`);
    if (t.kind !== 'word') return fail(ATOM);
    const lower = t.text.toLowerCase();
    if (['and', 'or'].includes(lower) || BINARY.test(t.text)) return fail(ATOM);
    next();
    if (lower === 'atleast' && peek().kind === 'lparen') return atLeast(t);
    if (lower.startsWith('text:')) {
      const phrase = t.text.length === 5;
      return { kind: 'text', value: prefixed(t, 'text:'), phrase, pos: t.pos };
    }
    if (lower.startsWith('coder:')) return { kind: 'coder', name: prefixed(t, 'coder:'), pos: t.pos };
    if (lower.startsWith('speaker:')) return { kind: 'speaker', name: prefixed(t, 'speaker:'), pos: t.pos };
    if (lower.startsWith('question:')) return { kind: 'question', name: prefixed(t, 'question:'), pos: t.pos };
    if (lower.startsWith('doc.')) return attribute(t);
    if (lower.startsWith('case.') || lower.startsWith('speaker.')) return { ...attribute(t, lower.slice(0, lower.indexOf('.') + 1)), of: lower.startsWith('case.') ? 'case' : 'speaker' } as Node;
    if (!CODE.test(t.text)) throw new QuerySyntaxError(src, t.pos, `${ATOM}; "${t.text}" is not a code id`);
    return { kind: 'code', pattern: t.text, pos: t.pos };
  };

  const attribute = (t: Token, prefix = 'doc.'): Node => {
    const key = t.text.slice(prefix.length);
    if (!/^[\w-]+$/.test(key)) throw new QuerySyntaxError(src, t.pos + prefix.length, `an attribute name after ${prefix}`);
    if (isWord('IN')) {
      next();
      if (peek().kind !== 'lparen') fail('"(" after in');
      next();
      const values = [value()];
      while (peek().kind === 'comma') {
        next();
        values.push(value());
      }
      if (peek().kind !== 'rparen') fail('"," or ")"');
      next();
      return { kind: 'attr', key, op: 'in', values, pos: t.pos };
    }
    if (peek().kind !== 'op') fail('=, !=, <, <=, >, >= or in after the attribute');
    const op = next().text as Comparison;
    return { kind: 'attr', key, op, values: [value()], pos: t.pos };
  };

  // atleast(k, A, B, …): k is a whole number from 1 to the number of expressions.
  const atLeast = (t: Token): Node => {
    next();
    enter();
    const k = peek();
    if (k.kind !== 'word' || !/^\d+$/.test(k.text)) fail('a whole number k in atleast(k, A, B, …)');
    next();
    const items: Node[] = [];
    while (peek().kind === 'comma') {
      next();
      items.push(or());
    }
    if (peek().kind !== 'rparen') fail(items.length ? '"," or ")"' : '"," and an expression after k');
    if (items.length < 2) fail('at least two expressions in atleast(k, A, B, …)');
    const n = Number(k.text);
    if (n < 1 || n > items.length) throw new QuerySyntaxError(src, k.pos, `k from 1 to ${items.length} (the number of expressions) in atleast(k, …)`);
    next();
    depth--;
    return { kind: 'atleast', k: n, items, pos: t.pos };
  };

  const near = (): Node => {
    let left = primary();
    for (let m = BINARY.exec(peek().text); peek().kind === 'word' && m; m = BINARY.exec(peek().text)) {
      const op = next();
      const right = primary();
      if (m[1]?.toLowerCase() === 'near') left = { kind: 'near', left, right, within: Number(m[2]), pos: op.pos };
      else if (m[1]) left = { kind: 'span', op: m[1].toLowerCase() as SpanOp, left, right, within: Number(m[2]), pos: op.pos };
      else left = { kind: 'span', op: m[3]!.toLowerCase() as SpanOp, left, right, pos: op.pos };
    }
    return left;
  };

  const not = (): Node => {
    if (isWord('NOT')) {
      const t = next();
      enter();
      const item = not();
      depth--;
      return { kind: 'not', item, pos: t.pos };
    }
    return near();
  };

  const and = (): Node => {
    const first = not();
    const items = [first];
    while (isWord('AND')) {
      next();
      items.push(not());
    }
    return items.length === 1 ? first : { kind: 'and', items, pos: first.pos };
  };

  const or = (): Node => {
    const first = and();
    const items = [first];
    while (isWord('OR')) {
      next();
      items.push(and());
    }
    return items.length === 1 ? first : { kind: 'or', items, pos: first.pos };
  };

  if (peek().kind === 'end') fail(ATOM);
  const tree = or();
  if (peek().kind !== 'end') fail('AND, OR, NEAR/n, PRECEDES, FOLLOWS, ENCLOSES, INSIDE, OVERLAPS or the end of the query');
  return tree;
}
