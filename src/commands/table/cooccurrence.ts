import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { matrixTable, percentFlag, withTotals, type MatrixJson } from '../../cli/matrix-table.js';
import { emitTable, tableFlags } from '../../cli/render.js';
import { cooccurrence } from '../../core/query/index.js';
import { openProject } from '../../core/store/index.js';

export default class TableCooccurrence extends LitkitCommand {
  static override description = 'Codes × codes: how many segments coded with the row code carry the column code in the same segment, or within --window N segments of it.';

  static override examples = ["<%= config.bin %> table cooccurrence --codes 'intersectionality.*'", "<%= config.bin %> table cooccurrence --window 2 --format csv --out cooc.csv"];

  static override flags = {
    project: projectFlag,
    codes: Flags.string({ description: 'Codes to cross: a code with its sub-codes or a pattern (default: every code).' }),
    window: Flags.integer({ char: 'w', description: 'Count co-occurrence within this many segments (0: the same segment).', default: 0, min: 0 }),
    percent: percentFlag,
    coder: Flags.string({ char: 'c', description: 'Only codings by this coder.' }),
    where: Flags.string({ description: 'Only segments selected by this query.' }),
    ...tableFlags,
  };

  async run(): Promise<MatrixJson> {
    const { flags } = await this.parse(TableCooccurrence);
    const db = openProject(flags.project);
    try {
      const m = withTotals(cooccurrence(db, { codes: flags.codes, window: flags.window, coder: flags.coder, where: flags.where }));
      await emitTable(this, db, flags, matrixTable(m, `Co-occurrence${flags.window ? ` within ${flags.window} segments` : ' in the same segment'}`, flags.percent), { data: m });
      return m;
    } finally {
      db.close();
    }
  }
}
