import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { conflicts, STAGES, type Conflict, type Stage } from '../../core/review/index.js';
import { openProject } from '../../core/store/index.js';

export default class ScreenConflicts extends LitkitCommand {
  static override description = 'Records on which reviewers disagree. Resolve one by deciding it again as each reviewer, or as a third reviewer whose decision the others adopt.';

  static override examples = ['<%= config.bin %> screen conflicts', '<%= config.bin %> screen conflicts --stage full-text --json'];

  static override flags = { project: projectFlag, stage: Flags.string({ description: 'Screening stage.', options: [...STAGES], default: 'title-abstract' }) };

  async run(): Promise<Conflict[]> {
    const { flags } = await this.parse(ScreenConflicts);
    const db = openProject(flags.project);
    try {
      const list = conflicts(db, flags.stage as Stage);
      for (const c of list) this.log(`#${c.recordId} ${c.title.slice(0, 80)}\n  ${c.decisions.map((d) => `${d.reviewer}: ${d.decision}${d.reason ? ` (${d.reason})` : ''}`).join('; ')}`);
      this.log(`${list.length} conflict${list.length === 1 ? '' : 's'} at ${flags.stage}.`);
      return list;
    } finally {
      db.close();
    }
  }
}
