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
    '<%= config.bin %> code list --format jsonl > excerpts.jsonl',
    '<%= config.bin %> code list --coder auto --status rejected',
  ];

  static override flags = {
    project: projectFlag,
    code: Flags.string({ description: 'Only this code; `employment.*` for its sub-codes, `employment*` for both.' }),
    coder: Flags.string({ char: 'c', description: 'Only this coder (a name, auto or suggest).' }),
    doc: Flags.integer({ char: 'd', description: 'Only this document.' }),
    status: Flags.string({ description: 'Only auto and suggested codings reviewed and accepted, rejected, or not reviewed yet.', options: ['accepted', 'rejected', 'unreviewed'] }),
    limit: Flags.integer({ char: 'n', description: 'At most this many.', min: 1 }),
    format: Flags.string({ description: 'Output format: a table, or every coded excerpt with its citation, page, offsets (UTF-16, into the page text) and coder as CSV, JSON or JSON Lines.', options: ['table', 'csv', 'json', 'jsonl'], exclusive: ['csv'] }),
    csv: Flags.boolean({ description: 'Same as --format csv.', exclusive: ['json', 'format'] }),
  };

  async run(): Promise<CodingInfo[]> {
    const { flags } = await this.parse(CodeList);
    const db = openProject(flags.project);
    try {
      const codings = listCodings(db, { code: flags.code, coder: flags.coder, documentId: flags.doc, status: flags.status as CodingFilter['status'], limit: flags.limit });
      const status = (c: CodingInfo) => c.status ?? (c.coder === 'auto' || c.coder === 'suggest' ? 'unreviewed' : '');
      const score = (c: CodingInfo) => (c.score === null ? '' : c.score.toFixed(2));
      const format = flags.csv ? 'csv' : (flags.format ?? 'table');
      if (format === 'csv') {
        // The first columns are those --csv always had, so scripts reading them keep working.
        const header = ['id', 'code', 'coder', 'status', 'score', 'citation', 'excerpt', 'document_id', 'title', 'page', 'start', 'end', 'rule', 'created_at'];
        this.log(formatCsv(header, codings.map((c) => [c.id, c.code, c.coder, status(c), score(c), c.citation, c.excerpt, c.documentId, c.title, c.page, c.start, c.end, c.rule, c.createdAt])));
      } else if (format === 'json') this.log(JSON.stringify(codings, null, 2));
      else if (format === 'jsonl') for (const c of codings) process.stdout.write(`${JSON.stringify(c)}\n`);
      else if (!codings.length) this.log('No codings match.');
      else this.log(formatTable(['id', 'code', 'coder', 'status', 'score', 'citation', 'excerpt'], codings.map((c) => [c.id, c.code, c.coder, status(c), score(c), c.citation, c.excerpt]), 70));
      return codings;
    } finally {
      db.close();
    }
  }
}
