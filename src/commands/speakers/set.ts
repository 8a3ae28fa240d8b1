import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { parseCaseAttributes, setSpeakerAttributes, type CaseInfo } from '../../core/cases/index.js';
import { openProject } from '../../core/store/index.js';
import { UsageError } from '../../errors.js';

export default class SpeakersSet extends LitkitCommand {
  static override description = `Give a transcript speaker attributes (key=value; key= removes one), compared in queries as speaker.KEY and case.KEY and tabled with --cols speaker.KEY.
role=interviewer leaves the speaker's turns out of auto-coding. A label used in several documents (P3 of two focus groups) needs --doc or --all-docs.`;

  static override examples = [
    '<%= config.bin %> speakers set P3 gender=woman grade=G5 --doc 16',
    '<%= config.bin %> speakers set Facilitator role=interviewer --all-docs',
  ];

  static override strict = false;

  static override args = {
    speaker: Args.string({ description: 'The speaker label, as `speakers list` shows it.', required: true }),
  };

  static override flags = {
    project: projectFlag,
    doc: Flags.integer({ description: 'Only in this document (repeatable).', multiple: true }),
    'all-docs': Flags.boolean({ description: 'In every document where the label speaks.' }),
  };

  async run(): Promise<CaseInfo[]> {
    const { args, argv, flags } = await this.parse(SpeakersSet);
    const pairs = (argv as string[]).slice(1);
    if (!pairs.length) throw new UsageError('E_USAGE', 'give key=value pairs after the speaker, e.g. `litkit speakers set P3 gender=woman`');
    const attributes = parseCaseAttributes(pairs);
    const db = openProject(flags.project);
    try {
      const changed = setSpeakerAttributes(db, args.speaker, attributes, { documentIds: flags.doc, allDocuments: flags['all-docs'] });
      for (const c of changed) this.log(`${c.label} in ${c.documentId}: ${c.documentTitle}: ${Object.entries(c.attributes).map(([k, v]) => `${k}=${v}`).join(' ')}`);
      return changed;
    } finally {
      db.close();
    }
  }
}
