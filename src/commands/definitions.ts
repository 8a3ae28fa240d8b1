import { Args } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../cli/base.js';
import { renderTable, tableFlags } from '../cli/render.js';
import { findDefinitions, type Definition } from '../core/query/index.js';
import { openProject } from '../core/store/index.js';

export default class Definitions extends LitkitCommand {
  static override description = `Map how sources define terms: statements such as "X is defined as", "X refers to", "X means", "for the purposes of … X means" and glossary entries, with source and page.`;

  static override examples = ['<%= config.bin %> definitions race ethnicity "structural racism"', '<%= config.bin %> definitions "reasonable accommodation" --format md --out definitions.md'];

  static override strict = false;

  static override args = { terms: Args.string({ description: 'Terms to find definitions of.', required: true }) };

  static override flags = { project: projectFlag, ...tableFlags };

  async run(): Promise<Definition[]> {
    const { argv, flags } = await this.parse(Definitions);
    const db = openProject(flags.project);
    try {
      const defs = findDefinitions(db, argv as string[]);
      const text = await renderTable(db, flags, { title: 'Definitions', header: ['term', 'source', 'definition', 'form'], rows: defs.map((d) => [d.term, d.citation, d.definition, d.pattern]) }, defs, 90);
      if (text !== undefined) this.log(defs.length ? text : `No definitions of ${(argv as string[]).join(', ')} found.`);
      return defs;
    } finally {
      db.close();
    }
  }
}
