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

/** A template offered by name: its name (file name without `.md.hbs`) and file. */
export interface TemplateEntry {
  name: string;
  file: string;
}

/** Where templates are looked up by name, first match wins: the project's `templates/`, each `--templates` folder, then the bundled ones. */
export function templateFolders(projectDir: string, templateDirs: string[] = []): string[] {
  return [path.join(projectDir, 'templates'), ...templateDirs, BUNDLED_REPORTS_DIR];
}

const TEMPLATE_FILE = /^([^_.][^/\\]*)\.md\.hbs$/;

/** Every template a name can reach, in lookup order; partials (`_NAME.md.hbs`) are never templates. */
export function availableTemplates(folders: string[]): TemplateEntry[] {
  const seen = new Map<string, TemplateEntry>();
  for (const dir of folders) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      const m = TEMPLATE_FILE.exec(f);
      if (m && !seen.has(m[1]!) && fs.statSync(path.join(dir, f)).isFile()) seen.set(m[1]!, { name: m[1]!, file: path.join(dir, f) });
    }
  }
  return [...seen.values()];
}

/**
 * Finds a template: a name (`desk-review`, `my-review`) looked up in the project's `templates/`,
 * the `--templates` folders, then the bundled ones; or the path of a file inside the project
 * folder or one of those folders. Anything else is refused, so a template cannot be used to read
 * files elsewhere on the machine (its partials come from its own folder and the bundled ones).
 */
export function resolveTemplate(name: string, projectDir: string, templateDirs: string[] = []): string {
  const folders = templateFolders(projectDir, templateDirs);
  const isPath = name.includes('/') || name.includes(path.sep) || (/\.hbs$/.test(name) && fs.existsSync(name));
  const base = path.basename(name);
  if (base.startsWith('_')) throw new UsageError('E_NO_TEMPLATE', `${name}: files starting with "_" are partials, included by templates, not templates themselves`);
  if (!isPath) {
    const found = availableTemplates(folders).find((t) => t.name === name.replace(/\.md\.hbs$|\.hbs$/, ''));
    if (found) return placed(found.file, folders.concat(projectDir), name);
    const known = availableTemplates(folders).map((t) => t.name);
    throw new UsageError('E_NO_TEMPLATE', `no template "${name}"; available: ${known.join(', ')} (from ${path.join(projectDir, 'templates')}, --templates folders and the bundled ones), or the path of a .md.hbs file`);
  }
  if (!fs.existsSync(name)) throw new UsageError('E_NO_TEMPLATE', `${name}: no such template file`);
  return placed(name, [projectDir, ...folders], name);
}

/** The real path of a template file, refused when it lies outside every allowed folder. */
function placed(file: string, allowed: string[], name: string): string {
  const real = fs.realpathSync(file);
  const roots = allowed.map((d) => (fs.existsSync(d) ? fs.realpathSync(d) : path.resolve(d)));
  if (!roots.some((r) => within(real, r)) || !fs.statSync(real).isFile()) {
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
function escapeMustaches(program: hbs.AST.Program, isHelper: (name: string) => boolean, blockParams: ReadonlySet<string> = new Set()): hbs.AST.Program {
  const visit = (node: hbs.AST.Statement): hbs.AST.Statement => {
    if (node.type === 'MustacheStatement') {
      const m = node as hbs.AST.MustacheStatement;
      if (!m.escaped) return m;
      const path = m.path as hbs.AST.PathExpression;
      const helperCall = m.params.length > 0 || m.hash !== undefined || (path.type === 'PathExpression' && isHelper(path.original));
      const inner: hbs.AST.Expression = helperCall ? ({ type: 'SubExpression', path: m.path, params: m.params, hash: m.hash, loc: m.loc } as hbs.AST.SubExpression) : m.path;
      const helper = { type: 'PathExpression', data: false, depth: 0, parts: [ESCAPE_HELPER], original: ESCAPE_HELPER, loc: m.loc } as hbs.AST.PathExpression;
      return { ...m, path: helper, params: [inner], hash: helperCall ? undefined : fieldCheck(path, m.loc, blockParams) } as unknown as hbs.AST.MustacheStatement;
    }
    const block = node as hbs.AST.BlockStatement;
    const inBlock = new Set([...blockParams, ...(block.program?.blockParams ?? [])]);
    if (block.program) block.program = escapeMustaches(block.program, isHelper, inBlock);
    if (block.inverse) block.inverse = escapeMustaches(block.inverse, isHelper, blockParams);
    return node;
  };
  program.body = program.body.map(visit);
  return program;
}

/**
 * For `{{name…}}` that is no helper: the field name the escape helper must find in its context,
 * with its place. Handlebars prints nothing for a misspelt field or helper (`{{nohelper}}`);
 * litkit refuses it. Only the first name is checked (`{{cover.client}}` with no cover is empty),
 * and `../`, `@data`, `this` and block parameters are left to Handlebars.
 */
function fieldCheck(p: hbs.AST.Expression, loc: hbs.AST.SourceLocation, blockParams: ReadonlySet<string>): hbs.AST.Hash | undefined {
  if (p.type !== 'PathExpression') return undefined;
  const path = p as hbs.AST.PathExpression;
  const head = path.parts[0];
  if (path.data || path.depth > 0 || !head || blockParams.has(head)) return undefined;
  const pair = (key: string, value: string | number): hbs.AST.HashPair =>
    ({ type: 'HashPair', key, value: typeof value === 'number' ? { type: 'NumberLiteral', value, original: value, loc } : { type: 'StringLiteral', value, original: value, loc }, loc }) as unknown as hbs.AST.HashPair;
  return { type: 'Hash', pairs: [pair('field', head), pair('expression', path.original), pair('line', loc.start.line), pair('column', loc.start.column)], loc };
}

/** A `{{name}}` that is neither a helper nor a field where it stands, as the error Handlebars would give in strict mode. */
function unknownField(context: unknown, hash: Record<string, unknown>): Error | undefined {
  const field = hash.field;
  if (typeof field !== 'string' || context === null || typeof context !== 'object' || field in context) return undefined;
  return Object.assign(new Error(`{{${String(hash.expression)}}}: no helper or data field "${field}" here (see \`litkit report NAME --data\` for the fields)`), { lineNumber: hash.line, column: hash.column });
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
  hb.registerHelper(ESCAPE_HELPER, function (this: unknown, v: unknown, options: Handlebars.HelperOptions) {
    const unknown = unknownField(this, options.hash as Record<string, unknown>);
    if (unknown) throw unknown;
    return markdown(asMarkdown(v));
  });
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
  // The bundled partials (`_quote-list`) serve every template; a template's own folder can replace them.
  const partials = new Map([...partialsIn(BUNDLED_REPORTS_DIR), ...partialsIn(dir)].map((p) => [p.name, p]));
  for (const p of partials.values()) {
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
