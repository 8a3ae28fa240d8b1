import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { conflicts, screeningAgreement, STAGES, type Conflict, type ReviewerAgreement, type Stage } from '../../core/review/index.js';
import { openProject } from '../../core/store/index.js';

export default class ScreenConflicts extends LitkitCommand {
  static override description = "Records on which reviewers disagree (at full text, exclusions for different reasons too) and no reconciling decision has been made; settle each with `screen resolve` (or `screen decide --final`). Also prints each pair of reviewers' agreement (Cohen's kappa) on the records both screened.";

  static override examples = ['<%= config.bin %> screen conflicts', '<%= config.bin %> screen conflicts --stage full-text --json'];

  static override flags = { project: projectFlag, stage: Flags.string({ description: 'Screening stage.', options: [...STAGES], default: 'title-abstract' }) };

  async run(): Promise<{ conflicts: Conflict[]; agreement: ReviewerAgreement[] }> {
    const { flags } = await this.parse(ScreenConflicts);
    const db = openProject(flags.project);
    try {
      const stage = flags.stage as Stage;
      const list = conflicts(db, stage);
      const agreement = screeningAgreement(db, stage);
      for (const c of list) this.log(`#${c.recordId} ${c.title.slice(0, 80)}\n  ${c.decisions.map((d) => `${d.reviewer}: ${d.decision}${d.reason ? ` (${d.reason})` : ''}`).join('; ')}`);
      this.log(`${list.length} unresolved conflict${list.length === 1 ? '' : 's'} at ${stage}.${list.length ? ' Settle each with: litkit screen resolve ID include|exclude' : ''}`);
      for (const a of agreement) this.log(`${a.reviewers.join(' and ')}: ${a.units} record${a.units === 1 ? '' : 's'} screened by both, ${(100 * a.percentAgreement).toFixed(1)}% agreement, kappa ${a.kappa === null ? 'undefined' : a.kappa.toFixed(3)}`);
      return { conflicts: list, agreement };
    } finally {
      db.close();
    }
  }
}
