import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { matrixTable, percentFlag, withTotals, type MatrixJson } from '../../cli/matrix-table.js';
import { emitTable, tableFlags } from '../../cli/render.js';
import { matrix } from '../../core/query/index.js';
import { openProject } from '../../core/store/index.js';

export default class TableMatrix extends LitkitCommand {
  static override description = `A matrix of codes (rows) against documents, an attribute's values, or codes: in each cell the excerpts (distinct segments) or documents coded, with row and column totals.`;

  static override examples = [
    "<%= config.bin %> table matrix --rows 'employment.*' --cols attr:type",
    '<%= config.bin %> table matrix --cols docs --count documents --out matrix.xlsx',
    "<%= config.bin %> table matrix --rows 'intersectionality.*' --cols 'codes:employment.*' --percent row --format md",
    '<%= config.bin %> table matrix --cols case.gender',
  ];

  static override flags = {
    project: projectFlag,
    rows: Flags.string({ description: 'Row codes: a code (with its sub-codes) or a pattern like employment.* (default: every code).' }),
    cols: Flags.string({ description: 'Columns: docs, attr:KEY, case.KEY (survey respondents, speakers), speaker.KEY, codes, or codes:PATTERN.', default: 'docs' }),
    count: Flags.string({ description: 'What a cell counts.', options: ['excerpts', 'documents'], default: 'excerpts' }),
    percent: percentFlag,
    coder: Flags.string({ char: 'c', description: 'Only codings by this coder.' }),
    where: Flags.string({ description: 'Only segments selected by this query (the `litkit query` language).' }),
    ...tableFlags,
  };

  async run(): Promise<MatrixJson> {
    const { flags } = await this.parse(TableMatrix);
    const db = openProject(flags.project);
    try {
      const m = withTotals(matrix(db, { codes: flags.rows, columns: flags.cols, count: flags.count as 'excerpts' | 'documents', coder: flags.coder, where: flags.where }));
      await emitTable(this, db, flags, matrixTable(m, `Codes × ${flags.cols} (${m.unit})`, flags.percent), { data: m });
      return m;
    } finally {
      db.close();
    }
  }
}
