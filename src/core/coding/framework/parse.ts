import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { ZodError } from 'zod';
import { LitkitError, ExitCode } from '../../../errors.js';
import { unsafeRegex } from '../regex-safety.js';
import { frameworkSchema, rulesSchema, type Code, type CodeInput, type Framework } from './schema.js';

/** One problem in a framework file, with its line and column. */
export interface FrameworkProblem {
  line: number;
  column: number;
  message: string;
}

/** A framework file that cannot be used: every problem found, each with its position. */
export class FrameworkError extends LitkitError {
  constructor(
    file: string,
    readonly problems: FrameworkProblem[],
  ) {
    const first = problems[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}; see \`litkit framework lint\`)` : '';
    super('E_FRAMEWORK', `line ${first.line}, column ${first.column}: ${first.message}${more}`, ExitCode.input, file);
    this.name = 'FrameworkError';
  }
}

/** Where the node at a path of the YAML document is (or, when it is missing, its deepest existing parent). */
export function positionOf(doc: Document, lines: LineCounter, path: (string | number)[]): { line: number; column: number } {
  // The deepest node that exists on the path: a missing key is reported where its parent is.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) {
      const { line, col } = lines.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return { line: 1, column: 1 };
}

function zodProblems(err: ZodError, doc: Document, lines: LineCounter): FrameworkProblem[] {
  return err.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
    const where = path.length ? `${path.join('.')}: ` : '';
    return { ...positionOf(doc, lines, path), message: `${where}${issue.message}` };
  });
}

/** Flattens the code tree, checking what the schema cannot: ids nest under their parent, no duplicates, valid regexes. */
function flatten(codes: CodeInput[], doc: Document, lines: LineCounter): { codes: Code[]; problems: FrameworkProblem[] } {
  const out: Code[] = [];
  const problems: FrameworkProblem[] = [];
  const seen = new Set<string>();
  const walk = (list: CodeInput[], parent: CodeInput | undefined, path: (string | number)[]) => {
    list.forEach((c, i) => {
      const here = [...path, i];
      const at = (sub: (string | number)[], message: string) => problems.push({ ...positionOf(doc, lines, [...here, ...sub]), message });
      if (parent && !c.id.startsWith(`${parent.id}.`)) at(['id'], `code "${c.id}" is under "${parent.id}", so its id must start with "${parent.id}."`);
      if (seen.has(c.id)) at(['id'], `code id "${c.id}" is used twice`);
      seen.add(c.id);
      const rules = rulesSchema.parse(c.rules ?? {});
      const checkRegex = (source: string, at: (string | number)[]) => {
        try {
          new RegExp(source, 'giu');
        } catch (e) {
          problems.push({ ...positionOf(doc, lines, [...here, 'rules', ...at]), message: `invalid regular expression: ${(e as Error).message}` });
          return;
        }
        const unsafe = unsafeRegex(source);
        if (unsafe) problems.push({ ...positionOf(doc, lines, [...here, 'rules', ...at]), message: `regular expression could run for ever: ${unsafe}` });
      };
      rules.regex.forEach((r, j) => checkRegex(r, ['regex', j]));
      rules.senses.forEach((sense, k) => sense.regex.forEach((r, j) => checkRegex(r, ['senses', k, 'regex', j])));
      rules.exclude.forEach((x, j) => {
        if (typeof x !== 'string') checkRegex(x.regex, ['exclude', j, 'regex']);
      });
      out.push({
        id: c.id,
        parentId: parent?.id ?? null,
        label: c.label,
        definition: c.definition?.replace(/\s+/g, ' ').trim() ?? null,
        colour: c.colour ?? null,
        rules,
        was: c.was === undefined ? [] : Array.isArray(c.was) ? c.was : [c.was],
        position: out.length,
      });
      if (c.children) walk(c.children, c, [...here, 'children']);
    });
  };
  walk(codes, undefined, ['codes']);
  return { codes: out, problems };
}

/** Every problem in a framework's YAML text, or the framework when there are none. */
export function checkFramework(text: string): { framework?: Framework; problems: FrameworkProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
        return { line: pos.line, column: pos.col, message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') };
      }),
    };
  }
  if (!isMap(doc.contents)) return { problems: [{ line: 1, column: 1, message: 'a framework is a YAML mapping with id, title, version and codes' }] };
  const parsed = frameworkSchema.safeParse(doc.toJS());
  if (!parsed.success) return { problems: zodProblems(parsed.error, doc, lines) };
  const codesNode = doc.get('codes', true);
  if (!isSeq(codesNode)) return { problems: [{ line: 1, column: 1, message: 'codes must be a list' }] };
  const { codes, problems } = flatten(parsed.data.codes, doc, lines);
  if (problems.length) return { problems };
  return { framework: { id: parsed.data.id, title: parsed.data.title, version: parsed.data.version, description: parsed.data.description, codes }, problems: [] };
}

/** Parses a framework, throwing a FrameworkError (file, line, column, cause) when it has problems. */
export function parseFramework(text: string, file: string): Framework {
  const { framework, problems } = checkFramework(text);
  if (!framework) throw new FrameworkError(file, problems);
  return framework;
}
