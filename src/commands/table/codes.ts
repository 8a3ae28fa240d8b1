import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { columns } from '../../core/tables/index.js';
import { emitTable, tableFlags } from '../../cli/render.js';
import { codeSummary, type CodeSummary } from '../../core/query/index.js';
import { openProject } from '../../core/store/index.js';

export default class TableCodes extends LitkitCommand {
  static override description = 'Every code with its definition and its evidence: excerpts, documents and coders.';

  static override examples = ['<%= config.bin %> table codes', '<%= config.bin %> table codes --out codebook.xlsx'];

  static override flags = {
    project: projectFlag,
    codes: Flags.string({ description: 'Only these codes: a code with its sub-codes or a pattern.' }),
    coder: Flags.string({ char: 'c', description: 'Count only codings by this coder.' }),
    where: Flags.string({ description: 'Count only segments selected by this query.' }),
    ...tableFlags,
  };

  async run(): Promise<CodeSummary[]> {
    const { flags } = await this.parse(TableCodes);
    const db = openProject(flags.project);
    try {
      const codes = codeSummary(db, { codes: flags.codes, coder: flags.coder, where: flags.where });
      const rows = codes.map((c) => [c.code, c.label, c.definition, c.excerpts, c.documents, c.coders.join(' ')]);
      await emitTable(this, db, flags, { title: 'Codes', columns: columns('code:key', 'label', 'definition:excerpt', 'excerpts:number', 'documents:number', 'coders'), rows }, { data: codes });
      return codes;
    } finally {
      db.close();
    }
  }
}
