import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { evidenceFlags } from '../../cli/evidence-flags.js';
import { emitTable, tableFlags } from '../../cli/render.js';
import { evidenceTable, type EvidenceRow } from '../../core/render/index.js';
import { columns } from '../../core/tables/index.js';
import { openProject } from '../../core/store/index.js';

export default class TableEvidence extends LitkitCommand {
  static override description = 'The evidence table: per code, its best quotes (the sentence carrying the evidence; codings by people first, then the most confident auto codings, spread over documents) with source, year, type, codes and page citation; to the terminal or md, csv, json, xlsx, docx.';

  static override examples = ["<%= config.bin %> table evidence --codes 'employment.*' --out evidence.xlsx", '<%= config.bin %> table evidence --per-code 5 --out evidence.docx'];

  static override flags = {
    project: projectFlag,
    codes: Flags.string({ description: 'Only these codes: a code with its sub-codes or a pattern (default: every code).' }),
    'per-code': Flags.integer({ description: 'Excerpts per code.', default: 3, min: 1 }),
    ...evidenceFlags,
    ...tableFlags,
  };

  async run(): Promise<EvidenceRow[]> {
    const { flags } = await this.parse(TableEvidence);
    const db = openProject(flags.project);
    try {
      const rows = evidenceTable(db, { codes: flags.codes, perCode: flags['per-code'], where: flags.where, includeTor: flags['include-tor'] });
      const cols = columns('code:key', 'source', 'year:number', 'type', 'codes', 'excerpt:excerpt', 'citation:citation');
      await emitTable(this, db, flags, { title: 'Evidence table', columns: cols, rows: rows.map((r) => [r.code, r.source, r.year, r.type, r.codes.join(' '), r.excerpt, r.citation]) }, { data: rows });
      return rows;
    } finally {
      db.close();
    }
  }
}
