import { Args } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { ingest } from '../../core/ingest/index.js';
import { attach } from '../../core/review/index.js';
import { openProject } from '../../core/store/index.js';
import { InputError } from '../../errors.js';

export default class RecordsAttach extends LitkitCommand {
  static override description = "Attach a record's full text: an ingested document's id, or a file, which is ingested first. (Ingest also attaches records on its own when a document carries a record's DOI or title.)";

  static override examples = ['<%= config.bin %> records attach 12 papers/smith-2020.pdf', '<%= config.bin %> records attach 12 7'];

  static override args = {
    record: Args.integer({ description: 'Record id.', required: true }),
    target: Args.string({ description: 'Document id, or a file to ingest.', required: true }),
  };

  static override flags = { project: projectFlag };

  async run(): Promise<{ record: number; document: number }> {
    const { args, flags } = await this.parse(RecordsAttach);
    const db = openProject(flags.project);
    try {
      let documentId: number;
      if (/^\d+$/.test(args.target)) documentId = Number(args.target);
      else {
        const summary = await ingest(db, [args.target], { jobs: 0 });
        if (summary.failures.length) throw new InputError(summary.failures[0]!.code, summary.failures[0]!.message, args.target);
        documentId = db.sql.prepare('SELECT document_id FROM ingest_log WHERE path = ? AND document_id IS NOT NULL ORDER BY id DESC LIMIT 1').pluck().get(args.target) as number;
      }
      attach(db, args.record, documentId);
      this.log(`Record #${args.record} now has document ${documentId} as its full text.`);
      return { record: args.record, document: documentId };
    } finally {
      db.close();
    }
  }
}
