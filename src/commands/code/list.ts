import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { formatCsv, formatTable } from '../../cli/output.js';
import { listCodings, type CodingFilter, type CodingInfo } from '../../core/coding/index.js';
import { openProject } from '../../core/store/index.js';

export default class CodeList extends LitkitCommand {
  static override description = 'List codings with their excerpt, coder, review status, confidence and citation.';

  static override examples = [
    '<%= config.bin %> code list --code employment.promotion',
    "<%= config.bin %> code list --code 'employment.*' --coder amina --csv",
    '<%= config.bin %> code list --coder auto --status rejected',
  ];

  static override flags = {
    project: projectFlag,
    code: Flags.string({ description: 'Only this code; `employment.*` for its sub-codes, `employment*` for both.' }),
    coder: Flags.string({ char: 'c', description: 'Only this coder (a name, auto or suggest).' }),
    doc: Flags.integer({ char: 'd', description: 'Only this document.' }),
    status: Flags.string({ description: 'Only auto and suggested codings reviewed and accepted, rejected, or not reviewed yet.', options: ['accepted', 'rejected', 'unreviewed'] }),
    limit: Flags.integer({ char: 'n', description: 'At most this many.', min: 1 }),
    csv: Flags.boolean({ description: 'Print CSV instead of a table.', exclusive: ['json'] }),
  };

  async run(): Promise<CodingInfo[]> {
    const { flags } = await this.parse(CodeList);
    const db = openProject(flags.project);
    try {
      const codings = listCodings(db, { code: flags.code, coder: flags.coder, documentId: flags.doc, status: flags.status as CodingFilter['status'], limit: flags.limit });
      const header = ['id', 'code', 'coder', 'status', 'score', 'citation', 'excerpt'];
      const status = (c: CodingInfo) => c.status ?? (c.coder === 'auto' || c.coder === 'suggest' ? 'unreviewed' : '');
      const rows = codings.map((c) => [c.id, c.code, c.coder, status(c), c.score === null ? '' : c.score.toFixed(2), c.citation, c.excerpt]);
      if (flags.csv) this.log(formatCsv(header, rows));
      else if (!codings.length) this.log('No codings match.');
      else this.log(formatTable(header, rows, 70));
      return codings;
    } finally {
      db.close();
    }
  }
}
