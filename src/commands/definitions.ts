import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../cli/base.js';
import { emitTable, tableFlags, tableFormat } from '../cli/render.js';
import { columns, type Cell } from '../core/tables/index.js';
import { UsageError } from '../errors.js';
import { compareDefinitions, findDefinitions, type Definition, type DefinitionComparison } from '../core/query/index.js';
import { openProject } from '../core/store/index.js';

const COLUMNS = columns('term:key', 'source:citation', 'definition:excerpt', 'form');
const NONE = 'no definition found in the sources';

/** Table rows of a comparison: per term its working definition, then the sources', or one line saying none. */
function comparisonRows(c: DefinitionComparison): Cell[][] {
  return c.terms.flatMap((t) => {
    if (!t.sources.length) return [[t.term, '', NONE, 'none']];
    const working = t.workingDefinition ? [[t.term, 'working definition (framework)', t.workingDefinition, 'framework']] : [];
    return [...working, ...t.sources.map((d) => [t.term, d.citation, d.definition, d.pattern])];
  });
}

export default class Definitions extends LitkitCommand {
  static override description = `Map how sources define terms, with source and page: "X is defined as", "X refers to", "X means", "X is when", "X represents", "ORG defines X as", "X are people who", "X is a … process/concept … that", "… is known as X", glossary entries and more. A longer term is not a definition of a shorter one ("institutional racism" is not "racism"); spelling, hyphen and plural variants are the same term.

With --framework, maps every term of the framework's code labels (plus any named): each term's working definition from the framework, the sources' definitions with citations, and a line for each term no source defines.`;

  static override examples = [
    '<%= config.bin %> definitions race ethnicity "structural racism"',
    '<%= config.bin %> definitions "reasonable accommodation" --format md --out definitions.md',
    '<%= config.bin %> definitions --framework race-equality',
    '<%= config.bin %> definitions microaggression --json --framework',
  ];

  static override strict = false;

  static override args = { terms: Args.string({ description: 'Terms to find definitions of.' }) };

  static override flags = {
    project: projectFlag,
    framework: Flags.string({
      description: 'Map the terms of this framework\'s codes against the sources (no ID: the only framework loaded).',
      helpValue: 'ID',
    }),
    ...tableFlags,
  };

  async run(): Promise<Definition[] | DefinitionComparison> {
    // "--framework" without an ID (last, or before another flag) means the only framework loaded.
    this.argv = this.argv.map((a, i, all) => (a === '--framework' && (i === all.length - 1 || all[i + 1]!.startsWith('-')) ? '--framework=' : a));
    const { argv, flags } = await this.parse(Definitions);
    const terms = (argv as string[]).map((t) => t.trim()).filter(Boolean);
    if (flags.framework === undefined && !terms.length) throw new UsageError('E_USAGE', 'name at least one term, or map a framework\'s terms with --framework ID');
    const db = openProject(flags.project);
    try {
      if (flags.framework !== undefined) {
        const comparison = compareDefinitions(db, { framework: flags.framework || undefined, terms });
        const title = `Definitions: ${comparison.framework?.title ?? 'terms'}`;
        await emitTable(this, db, flags, { title, columns: COLUMNS, rows: comparisonRows(comparison) }, { data: comparison });
        return comparison;
      }
      const defs = findDefinitions(db, terms);
      const missing = terms.filter((t) => !defs.some((d) => d.term === t));
      const rows: Cell[][] = [...defs.map((d) => [d.term, d.citation, d.definition, d.pattern]), ...missing.map((t) => [t, '', NONE, 'none'])];
      // A file lists every term asked for, found or not; the terminal just says none was found.
      if (!defs.length && !flags.out && tableFormat(flags) === 'table') this.log(`No definitions of ${terms.join(', ')} found.`);
      else await emitTable(this, db, flags, { title: 'Definitions', columns: COLUMNS, rows }, { data: defs });
      return defs;
    } finally {
      db.close();
    }
  }
}
