import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../cli/base.js';
import { emitTable, tableFlags } from '../cli/render.js';
import { kwicWithTotal, type KwicLine } from '../core/query/index.js';
import { openProject } from '../core/store/index.js';
import { columns } from '../core/tables/index.js';

export default class Kwic extends LitkitCommand {
  static override description = 'Keyword in context: every occurrence of a word or phrase (by stem unless --exact), aligned, with its citation.';

  static override examples = ['<%= config.bin %> kwic retaliation', '<%= config.bin %> kwic "national staff" --exact --where doc.type=transcript', '<%= config.bin %> kwic promote --format csv --out promote.csv'];

  static override args = { term: Args.string({ description: 'Word or phrase.', required: true }) };

  static override flags = {
    project: projectFlag,
    exact: Flags.boolean({ description: 'Match the exact words, not their stems.' }),
    width: Flags.integer({ char: 'w', description: 'Characters of context on each side.', default: 40, min: 5 }),
    limit: Flags.integer({ char: 'n', description: 'Most lines.', default: 100, min: 1 }),
    where: Flags.string({ description: 'Only segments selected by this query (e.g. a code).' }),
    ...tableFlags,
  };

  async run(): Promise<KwicLine[]> {
    const { args, flags } = await this.parse(Kwic);
    const db = openProject(flags.project);
    try {
      const { lines, total } = kwicWithTotal(db, args.term, { exact: flags.exact, width: flags.width, limit: flags.limit, where: flags.where });
      // Aligned on the keyword, as a concordance is read: the left context right-aligned, shortened from its start.
      const cols = [{ label: 'left', kind: 'excerpt' as const, alignRight: true }, ...columns('keyword:key', 'right:excerpt', 'citation:citation')];
      const notes = [`${total} occurrence${total === 1 ? '' : 's'} of ${args.term}${flags.exact ? '' : ' (any form)'}`];
      await emitTable(this, db, flags, { title: `KWIC: ${args.term}`, columns: cols, rows: lines.map((l) => [l.left, l.keyword, l.right, l.citation]), notes, total }, { data: lines });
      return lines;
    } finally {
      db.close();
    }
  }
}
