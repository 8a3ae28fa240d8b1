import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { emitTable, tableFlags } from '../../cli/render.js';
import { listCases, type CaseInfo } from '../../core/cases/index.js';
import { openProject } from '../../core/store/index.js';
import { columns } from '../../core/tables/index.js';

export default class SpeakersList extends LitkitCommand {
  static override description = 'List the speakers found in transcripts: their document, turns and attributes (role, and what `speakers set` gave them).';

  static override examples = ['<%= config.bin %> speakers list', '<%= config.bin %> speakers list --doc 16 --json'];

  static override flags = {
    project: projectFlag,
    doc: Flags.integer({ description: 'Only the speakers of this document (repeatable).', multiple: true }),
    ...tableFlags,
  };

  async run(): Promise<CaseInfo[]> {
    const { flags } = await this.parse(SpeakersList);
    const db = openProject(flags.project);
    try {
      const speakers = listCases(db, { kind: 'speaker', documentIds: flags.doc });
      const attrs = (c: CaseInfo) => Object.entries(c.attributes).map(([k, v]) => `${k}=${v}`).join(' ');
      await emitTable(
        this,
        db,
        flags,
        {
          title: 'Speakers',
          columns: columns('doc:id', 'document', 'speaker:key', 'turns:number', 'attributes'),
          rows: speakers.map((c) => [c.documentId, c.documentTitle, c.label, c.segments, attrs(c)]),
        },
        { data: speakers, empty: 'No speakers: ingest transcripts whose turns start with a label ("P3:", "Interviewer:", "[00:12:31] Name:").' },
      );
      return speakers;
    } finally {
      db.close();
    }
  }
}
