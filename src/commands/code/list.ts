import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { emitTable, tableFlags } from '../../cli/render.js';
import { countCodings, listCodings, type CodingFilter, type CodingInfo } from '../../core/coding/index.js';
import { openProject } from '../../core/store/index.js';
import { columns } from '../../core/tables/index.js';

/** The terminal shows the first seven; files also get where each excerpt is (page, UTF-16 offsets into the page text) and the rule that coded it. */
const COLUMNS = [
  ...columns('id:id', 'code:key', 'coder', 'status', 'score:number', 'citation:citation', 'excerpt:excerpt'),
  ...['document_id', 'title', 'page', 'start', 'end', 'rule', 'created_at'].map((label) => ({ label, kind: 'text' as const, detail: true })),
];

export default class CodeList extends LitkitCommand {
  static override description = 'List codings with their excerpt, coder, review status, confidence and citation.';

  static override examples = [
    '<%= config.bin %> code list --code employment.promotion',
    "<%= config.bin %> code list --code 'employment.*' --coder amina --format csv --out amina.csv",
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
    ...tableFlags,
  };

  async run(): Promise<CodingInfo[]> {
    const { flags } = await this.parse(CodeList);
    const db = openProject(flags.project);
    try {
      const filter: CodingFilter = { code: flags.code, coder: flags.coder, documentId: flags.doc, status: flags.status as CodingFilter['status'], limit: flags.limit };
      const codings = listCodings(db, filter);
      const total = flags.limit && codings.length === flags.limit ? countCodings(db, filter) : codings.length;
      const status = (c: CodingInfo) => c.status ?? (c.coder === 'auto' || c.coder === 'suggest' ? 'unreviewed' : '');
      const score = (c: CodingInfo) => (c.score === null ? '' : c.score.toFixed(2));
      const rows = codings.map((c) => [c.id, c.code, c.coder, status(c), score(c), c.citation, c.excerpt, c.documentId, c.title, c.page, c.start, c.end, c.rule, c.createdAt]);
      await emitTable(this, db, flags, { title: 'Codings', columns: COLUMNS, rows, total }, { data: codings, empty: 'No codings match.' });
      return codings;
    } finally {
      db.close();
    }
  }
}
