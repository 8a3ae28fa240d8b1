import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { ExitCode, LitkitError, UsageError } from '../../errors.js';
import { prismaMarkdown } from '../review/prisma-table.js';
import { escapeMarkdown } from './escape.js';
import type { Quote, ReportCode, ReportModel } from './model.js';

/** The report templates that ship with litkit. */
export const BUNDLED_REPORTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'templates', 'reports');

/** A template that cannot be used: where (file:line:column) and why. */
export class TemplateError extends LitkitError {
  constructor(file: string, line: number, column: number, cause: string) {
    super('E_TEMPLATE', `${line}:${column}: ${cause}`, ExitCode.input, file);
    this.name = 'TemplateError';
  }

  override line(): string {
    return `litkit: ${this.file}:${this.message} (${this.code})`;
  }
}

const within = (file: string, dir: string) => {
  const rel = path.relative(dir, file);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
};

/**
 * Finds a template: a bundled name (`desk-review`) or a file inside the project folder or one of
 * the allowed template folders. Anything else is refused, so a template cannot be used to read
 * files elsewhere on the machine (its partials come from its own folder only).
 */
export function resolveTemplate(name: string, allowed: string[]): string {
  const bundled = path.join(BUNDLED_REPORTS_DIR, `${name.replace(/\.md\.hbs$|\.hbs$/, '')}.md.hbs`);
  if (!name.includes('/') && !name.includes(path.sep) && fs.existsSync(bundled)) return bundled;
  if (!fs.existsSync(name)) {
    const known = fs.readdirSync(BUNDLED_REPORTS_DIR).filter((f) => f.endsWith('.md.hbs')).map((f) => f.replace('.md.hbs', ''));
    throw new UsageError('E_NO_TEMPLATE', `no template "${name}"; bundled: ${known.join(', ')}; or give the path of a .md.hbs file in the project or a --templates folder`);
  }
  const real = fs.realpathSync(name);
  const roots = [BUNDLED_REPORTS_DIR, ...allowed].map((d) => (fs.existsSync(d) ? fs.realpathSync(d) : path.resolve(d)));
  if (!roots.some((r) => within(real, r))) {
    throw new UsageError('E_TEMPLATE_PLACE', `${name}: templates must be inside the project folder or a folder given with --templates`);
  }
  return real;
}

/** Text that litkit built as Markdown (already escaped); anything else is escaped on output. */
const markdown = (text: string) => new Handlebars.SafeString(text);
const isMarkdown = (v: unknown): v is Handlebars.SafeString => v instanceof Handlebars.SafeString;
/** A value as Markdown text: litkit's own markup as it is, every other value escaped. */
const asMarkdown = (v: unknown): string => (isMarkdown(v) ? v.toString() : escapeMarkdown(v === null || v === undefined ? '' : String(v)));

const cell = (v: unknown) => markdown(asMarkdown(v).replace(/\s+/g, ' '));

/** Markdown blockquotes of quotes, each followed by its author–date citation (which has its parentheses). */
function quoteBlock(quotes: Quote[]): Handlebars.SafeString {
  return markdown(quotes.map((q) => `> “${escapeMarkdown(q.text)}” ${asMarkdown(q.citation)}`).join('\n\n'));
}

/**
 * An APA reference from citations.ts marks its italics with `*…*`: the text between the marks is
 * escaped, the marks are kept, so a title cannot bring markup of its own.
 */
const reference = (ref: string) => markdown(ref.split(/\*([^*]+)\*/).map((part, i) => (i % 2 ? `*${escapeMarkdown(part)}*` : escapeMarkdown(part))).join(''));

/**
 * Every `citation` of the model as litkit's Markdown: an author–date citation of a work without
 * authors italicises its title (`(*Title*, 2020)`), which plain escaping would print as asterisks.
 * Objects the model shares (a code in `codes` and in `byId`) stay shared.
 */
function citationsAsMarkdown<T>(value: T, seen = new WeakMap<object, unknown>()): T {
  if (Array.isArray(value)) {
    if (seen.has(value)) return seen.get(value) as T;
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(citationsAsMarkdown(v, seen));
    return out as T;
  }
  if (value === null || typeof value !== 'object' || isMarkdown(value)) return value;
  if (seen.has(value)) return seen.get(value) as T;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[k] = k === 'citation' && typeof v === 'string' ? reference(v) : citationsAsMarkdown(v, seen);
  return out as T;
}

/** The model as templates see it: references and citations are litkit's Markdown, everything else plain data. */
function templateView(source: ReportModel): ReportModel {
  const model = citationsAsMarkdown(source);
  const documents = model.documents.map((d) => ({ ...d, reference: reference(d.reference) as unknown as string }));
  return {
    ...model,
    bibliography: model.bibliography.map((b) => reference(b) as unknown as string),
    documents,
    documentsById: Object.fromEntries(documents.map((d) => [d.id, d])),
  };
}

/** The helper every `{{value}}` goes through (`{{{value}}}` stays raw, as Handlebars documents). */
const ESCAPE_HELPER = 'litkitMarkdown';

/**
 * Rewrites every escaped `{{expression}}` of a template as `{{litkitMarkdown (expression)}}`, so
 * its value is escaped for Markdown: Handlebars' own escaping is for HTML and global to the
 * library, while the templates write Markdown.
 */
function escapeMustaches(program: hbs.AST.Program, isHelper: (name: string) => boolean): hbs.AST.Program {
  const visit = (node: hbs.AST.Statement): hbs.AST.Statement => {
    if (node.type === 'MustacheStatement') {
      const m = node as hbs.AST.MustacheStatement;
      if (!m.escaped) return m;
      const path = m.path as hbs.AST.PathExpression;
      const helperCall = m.params.length > 0 || m.hash !== undefined || (path.type === 'PathExpression' && isHelper(path.original));
      const inner: hbs.AST.Expression = helperCall ? ({ type: 'SubExpression', path: m.path, params: m.params, hash: m.hash, loc: m.loc } as hbs.AST.SubExpression) : m.path;
      const helper = { type: 'PathExpression', data: false, depth: 0, parts: [ESCAPE_HELPER], original: ESCAPE_HELPER, loc: m.loc } as hbs.AST.PathExpression;
      return { ...m, path: helper, params: [inner], hash: undefined } as unknown as hbs.AST.MustacheStatement;
    }
    const block = node as hbs.AST.BlockStatement;
    if (block.program) block.program = escapeMustaches(block.program, isHelper);
    if (block.inverse) block.inverse = escapeMustaches(block.inverse, isHelper);
    return node;
  };
  program.body = program.body.map(visit);
  return program;
}

/** Parses and compiles a template with every `{{value}}` escaped for Markdown. */
function compileEscaped(hb: typeof Handlebars, source: string): HandlebarsTemplateDelegate {
  const ast = escapeMustaches(hb.parse(source), (name) => Object.hasOwn(hb.helpers, name));
  return hb.compile(ast, { noEscape: true, strict: false });
}

/**
 * The partials beside a template (`_NAME.md.hbs`), each a regular file whose real path is inside
 * that folder: a symlink pointing elsewhere would let a template read any file on the machine.
 */
function partialsIn(dir: string): { name: string; file: string }[] {
  const root = fs.realpathSync(dir);
  const out: { name: string; file: string }[] = [];
  for (const f of fs.readdirSync(dir)) {
    const m = /^_(.+)\.md\.hbs$/.exec(f);
    if (!m) continue;
    const file = path.join(dir, f);
    const real = fs.realpathSync(file);
    if (!within(real, root) || !fs.statSync(real).isFile()) {
      throw new UsageError('E_TEMPLATE_PLACE', `${file}: partials must be files inside the template's folder (this one leads to ${real})`);
    }
    out.push({ name: m[1]!, file: real });
  }
  return out;
}

/**
 * A Handlebars environment of its own (no global state), emitting Markdown: every `{{value}}` is
 * escaped so document text stays text, and the helpers that build tables, quotes and lists
 * escape what they put in. Handlebars refuses prototype access by default, and no helper touches
 * the file system.
 */
function environment(model: ReportModel, dir: string): typeof Handlebars {
  const hb = Handlebars.create();
  const code = (id: string): ReportCode | undefined => model.byId[id];
  hb.registerHelper(ESCAPE_HELPER, (v: unknown) => markdown(asMarkdown(v)));
  hb.registerHelper('code', (id: string) => code(id));
  hb.registerHelper('cell', (v: unknown) => cell(v));
  hb.registerHelper('quotes', (id: string | ReportCode, n?: unknown) => {
    const c = typeof id === 'string' ? code(id) : id;
    const limit = typeof n === 'number' ? n : Infinity;
    return c ? quoteBlock(c.quotes.slice(0, limit)) : '';
  });
  hb.registerHelper('sources', (list: unknown, n: unknown) => {
    const all = Array.isArray(list) ? list.map(asMarkdown) : [];
    const limit = typeof n === 'number' ? n : all.length;
    return markdown(all.length > limit ? `${all.slice(0, limit).join('; ')}; and ${all.length - limit} more` : all.join('; '));
  });
  hb.registerHelper('count', (id: string) => code(id)?.excerpts ?? 0);
  hb.registerHelper('join', (list: unknown, sep: unknown) => markdown(Array.isArray(list) ? list.map(asMarkdown).join(typeof sep === 'string' ? sep : ', ') : ''));
  hb.registerHelper('plural', (n: number, one: string, many: string) => (n === 1 ? one : many));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('gt', (a: number, b: number) => a > b);
  hb.registerHelper('lt', (a: number, b: number) => a < b);
  hb.registerHelper('definitionsOf', (term: string) => model.definitions.filter((d) => d.term === term));
  hb.registerHelper('gap', (id: string) => model.gaps[id]?.text ?? '');
  hb.registerHelper('memos', (id: string) => model.memos[id] ?? []);
  hb.registerHelper('intersection', (id: string) => model.intersectionality?.dimensions.find((d) => d.id === id));
  // The same table `litkit prisma --format md` prints, written by the one Markdown table writer.
  hb.registerHelper('prismaTable', () => markdown(model.prisma ? prismaMarkdown(model.prisma) : ''));
  for (const p of partialsIn(dir)) {
    try {
      hb.registerPartial(p.name, compileEscaped(hb, fs.readFileSync(p.file, 'utf8')));
    } catch (err) {
      throw templateError(p.file, err);
    }
  }
  return hb;
}

/** Handlebars' parser messages, said plainly. */
function plainCause(message: string): string {
  const got = /Expecting [^\n]*, got '(\w+)'/.exec(message);
  if (got) return got[1] === 'INVALID' ? 'syntax error: a {{ … }} expression is not closed or has a character it cannot hold' : `syntax error: unexpected ${got[1]!.toLowerCase()}`;
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(message);
  if (mismatch) return `{{/${mismatch[2]}}} closes a {{#${mismatch[1]}}} block`;
  return message.split('\n')[0]!;
}

/** A Handlebars error as file:line:column and a plain cause. */
function templateError(file: string, err: unknown): TemplateError {
  const e = err as Error & { lineNumber?: number; column?: number };
  const parse = /Parse error on line (\d+):/.exec(e.message);
  const line = e.lineNumber ?? (parse ? Number(parse[1]) : 1);
  const column = e.column !== undefined ? e.column + 1 : 1;
  return new TemplateError(file, line, column, plainCause(e.message));
}

/** Renders a template to Markdown, mapping template errors to file:line:column. */
export function renderTemplate(file: string, model: ReportModel): string {
  const source = fs.readFileSync(file, 'utf8');
  // Helpers and the template see the same view, so a quote's citation reads alike in both.
  const view = templateView(model);
  const hb = environment(view, path.dirname(file));
  try {
    return compileEscaped(hb, source)(view);
  } catch (err) {
    if (err instanceof LitkitError) throw err;
    throw templateError(file, err);
  }
}
