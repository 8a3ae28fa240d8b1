import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { ExitCode, LitkitError, UsageError } from '../../errors.js';
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

const cell = (v: unknown) => String(v ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|');

/** Markdown blockquotes of quotes, each followed by its author–date citation (which has its parentheses). */
function quoteBlock(quotes: Quote[]): string {
  return quotes.map((q) => `> “${q.text}” ${q.citation}`).join('\n\n');
}

/**
 * A Handlebars environment of its own (no global state), emitting Markdown (no HTML escaping),
 * with helpers for tables, quotes and citations. Handlebars refuses prototype access by default,
 * and no helper touches the file system.
 */
function environment(model: ReportModel, dir: string): typeof Handlebars {
  const hb = Handlebars.create();
  const code = (id: string): ReportCode | undefined => model.byId[id];
  hb.registerHelper('code', (id: string) => code(id));
  hb.registerHelper('cell', (v: unknown) => cell(v));
  hb.registerHelper('quotes', (id: string | ReportCode, n?: unknown) => {
    const c = typeof id === 'string' ? code(id) : id;
    const limit = typeof n === 'number' ? n : Infinity;
    return c ? quoteBlock(c.quotes.slice(0, limit)) : '';
  });
  hb.registerHelper('sources', (list: unknown, n: unknown) => {
    const all = Array.isArray(list) ? (list as string[]) : [];
    const limit = typeof n === 'number' ? n : all.length;
    return all.length > limit ? `${all.slice(0, limit).join('; ')}; and ${all.length - limit} more` : all.join('; ');
  });
  hb.registerHelper('count', (id: string) => code(id)?.excerpts ?? 0);
  hb.registerHelper('join', (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''));
  hb.registerHelper('plural', (n: number, one: string, many: string) => (n === 1 ? one : many));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('gt', (a: number, b: number) => a > b);
  hb.registerHelper('lt', (a: number, b: number) => a < b);
  hb.registerHelper('definitionsOf', (term: string) => model.definitions.filter((d) => d.term === term));
  hb.registerHelper('gap', (id: string) => model.gaps[id]?.text ?? '');
  hb.registerHelper('memos', (id: string) => model.memos[id] ?? []);
  hb.registerHelper('intersection', (id: string) => model.intersectionality?.dimensions.find((d) => d.id === id));
  for (const f of fs.readdirSync(dir)) {
    const m = /^_(.+)\.md\.hbs$/.exec(f);
    if (m) hb.registerPartial(m[1]!, fs.readFileSync(path.join(dir, f), 'utf8'));
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

/** Renders a template to Markdown, mapping template errors to file:line:column. */
export function renderTemplate(file: string, model: ReportModel): string {
  const source = fs.readFileSync(file, 'utf8');
  const hb = environment(model, path.dirname(file));
  try {
    const template = hb.compile(source, { noEscape: true, strict: false });
    return template(model);
  } catch (err) {
    const e = err as Error & { lineNumber?: number; column?: number };
    const parse = /Parse error on line (\d+):/.exec(e.message);
    const line = e.lineNumber ?? (parse ? Number(parse[1]) : 1);
    const column = e.column !== undefined ? e.column + 1 : 1;
    throw new TemplateError(file, line, column, plainCause(e.message));
  }
}
