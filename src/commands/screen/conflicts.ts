import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { emitTable, tableFlags } from '../../cli/render.js';
import { conflicts, screeningAgreement, STAGES, type Conflict, type ReviewerAgreement, type Stage } from '../../core/review/index.js';
import { openProject } from '../../core/store/index.js';
import { columns } from '../../core/tables/index.js';

export default class ScreenConflicts extends LitkitCommand {
  static override description = "Records on which reviewers disagree (at full text, exclusions for different reasons too) and no reconciling decision has been made; settle each with `screen resolve` (or `screen decide --final`). Also prints each pair of reviewers' agreement (Cohen's kappa) on the records both screened.";

  static override examples = ['<%= config.bin %> screen conflicts', '<%= config.bin %> screen conflicts --stage full-text --json', '<%= config.bin %> screen conflicts --out conflicts.xlsx'];

  static override flags = { project: projectFlag, stage: Flags.string({ description: 'Screening stage.', options: [...STAGES], default: 'title-abstract' }), ...tableFlags };

  async run(): Promise<{ conflicts: Conflict[]; agreement: ReviewerAgreement[] }> {
    const { flags } = await this.parse(ScreenConflicts);
    const db = openProject(flags.project);
    try {
      const stage = flags.stage as Stage;
      const list = conflicts(db, stage);
      const agreement = screeningAgreement(db, stage);
      const rows = list.map((c) => [c.recordId, c.decisions.map((d) => `${d.reviewer}: ${d.decision}${d.reason ? ` (${d.reason})` : ''}`).join('; '), c.title]);
      const notes = [
        `${list.length} unresolved conflict${list.length === 1 ? '' : 's'} at ${stage}.${list.length ? ' Settle each with: litkit screen resolve ID include|exclude' : ''}`,
        ...agreement.map((a) => `${a.reviewers.join(' and ')}: ${a.units} record${a.units === 1 ? '' : 's'} screened by both, ${(100 * a.percentAgreement).toFixed(1)}% agreement, kappa ${a.kappa === null ? 'undefined' : a.kappa.toFixed(3)}`),
      ];
      await emitTable(this, db, flags, { title: `Screening conflicts (${stage})`, columns: columns('record:id', 'decisions', 'title:excerpt'), rows, notes }, { data: { conflicts: list, agreement }, empty: notes.join('\n') });
      return { conflicts: list, agreement };
    } finally {
      db.close();
    }
  }
}
