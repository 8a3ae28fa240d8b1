import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { resolve, STAGES, type Stage } from '../../core/review/index.js';
import { currentCoder } from '../../core/store/settings.js';
import { openProject } from '../../core/store/index.js';

export default class ScreenResolve extends LitkitCommand {
  static override description = "Make the reconciling decision on a record (a third reviewer's or the team's consensus): it settles the record at the stage whatever the reviewers said, for PRISMA, the table of studies and extraction. Same as `screen decide --final`.";

  static override examples = ['<%= config.bin %> screen resolve 12 include', '<%= config.bin %> screen resolve 12 exclude --stage full-text --reason "wrong population" --reviewer chidi'];

  static override args = {
    id: Args.integer({ description: 'Record id.', required: true }),
    decision: Args.string({ description: 'The final decision.', required: true, options: ['include', 'exclude'] }),
  };

  static override flags = {
    project: projectFlag,
    stage: Flags.string({ description: 'Screening stage.', options: [...STAGES], default: 'title-abstract' }),
    reason: Flags.string({ description: 'Why (required for full-text exclusions).' }),
    reviewer: Flags.string({ char: 'r', description: 'Who resolves (default: the current coder).' }),
  };

  async run(): Promise<{ id: number; decision: string; stage: string; resolver: string }> {
    const { args, flags } = await this.parse(ScreenResolve);
    const db = openProject(flags.project);
    try {
      const resolver = currentCoder(db, flags.reviewer);
      resolve(db, args.id, args.decision as 'include' | 'exclude', { stage: flags.stage as Stage, reason: flags.reason, resolver });
      this.log(`#${args.id}: ${args.decision} at ${flags.stage}, final (resolved by ${resolver})`);
      return { id: args.id, decision: args.decision, stage: flags.stage, resolver };
    } finally {
      db.close();
    }
  }
}
