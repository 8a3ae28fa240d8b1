import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { decide, DECISIONS, resolve, STAGES, type Decision, type Stage } from '../../core/review/index.js';
import { UsageError } from '../../errors.js';
import { currentCoder } from '../../core/store/settings.js';
import { openProject } from '../../core/store/index.js';

export default class ScreenDecide extends LitkitCommand {
  static override description = "Record a reviewer's screening decision on a record; full-text exclusions need a reason. With --final, the reconciling decision that settles a conflict (as `screen resolve`).";

  static override examples = ['<%= config.bin %> screen decide 12 include', '<%= config.bin %> screen decide 12 exclude --stage full-text --reason "wrong population" --reviewer ben', '<%= config.bin %> screen decide 12 include --final --reviewer chidi', '<%= config.bin %> screen decide 14 exclude --stage full-text --reason "wrong setting" --new-reason'];

  static override args = {
    id: Args.integer({ description: 'Record id.', required: true }),
    decision: Args.string({ description: 'The decision.', required: true, options: [...DECISIONS] }),
  };

  static override flags = {
    project: projectFlag,
    stage: Flags.string({ description: 'Screening stage.', options: [...STAGES], default: 'title-abstract' }),
    reason: Flags.string({ description: 'Why (required for full-text exclusions); one of the project\'s exclusion reasons when it has a list (`litkit config get exclusion-reasons`).' }),
    'new-reason': Flags.boolean({ description: 'Add --reason to the project\'s exclusion reasons when it is not one of them yet.', dependsOn: ['reason'] }),
    reviewer: Flags.string({ char: 'r', description: 'Reviewer (default: the current coder).' }),
    final: Flags.boolean({ description: 'The reconciling decision: settles the record whatever the reviewers said.' }),
  };

  async run(): Promise<{ id: number; decision: string; stage: string; reviewer: string; final: boolean }> {
    const { args, flags } = await this.parse(ScreenDecide);
    if (flags.final && args.decision === 'maybe') throw new UsageError('E_USAGE', 'a final decision is include or exclude');
    const db = openProject(flags.project);
    try {
      const reviewer = currentCoder(db, flags.reviewer);
      if (flags.final) resolve(db, args.id, args.decision as 'include' | 'exclude', { stage: flags.stage as Stage, reason: flags.reason, newReason: flags['new-reason'], resolver: reviewer });
      else decide(db, args.id, args.decision as Decision, { stage: flags.stage as Stage, reason: flags.reason, newReason: flags['new-reason'], reviewer });
      this.log(`#${args.id}: ${args.decision} at ${flags.stage} by ${reviewer}${flags.final ? ', final' : ''}`);
      return { id: args.id, decision: args.decision, stage: flags.stage, reviewer, final: flags.final };
    } finally {
      db.close();
    }
  }
}
