import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { nextRecord, STAGES, type NextRecord, type Stage } from '../../core/review/index.js';
import { currentCoder } from '../../core/store/settings.js';
import { openProject } from '../../core/store/index.js';

export default class ScreenNext extends LitkitCommand {
  static override description = "Show the next record to screen: the one the model (TF-IDF of words and word pairs, a linear SVM retrained on every decision) ranks most likely relevant; at full text, a model of the full-text decisions (the title-abstract model until there is a full-text include and exclude, as it says). With --sample, a record drawn at random for the stopping rule (`screen stop`).";

  static override examples = ['<%= config.bin %> screen next', '<%= config.bin %> screen next --stage full-text --reviewer ben', '<%= config.bin %> screen next --sample'];

  static override flags = {
    project: projectFlag,
    stage: Flags.string({ description: 'Screening stage.', options: [...STAGES], default: 'title-abstract' }),
    reviewer: Flags.string({ char: 'r', description: 'Reviewer (default: the current coder).' }),
    sample: Flags.boolean({ description: 'Draw at random from the records nobody has screened, for the stopping rule.' }),
  };

  async run(): Promise<NextRecord> {
    const { flags } = await this.parse(ScreenNext);
    const db = openProject(flags.project);
    try {
      const n = nextRecord(db, { stage: flags.stage as Stage, reviewer: currentCoder(db, flags.reviewer), sample: flags.sample });
      if (!n.record) this.log(`Nothing left to screen at ${flags.stage} (${n.screened} screened).`);
      else {
        const r = n.record;
        this.log(`#${r.id}  ${r.title}\n${[r.authors.slice(0, 3).join('; '), r.year, r.journal].filter(Boolean).join(' · ')}\n\n${r.abstract ?? '(no abstract)'}\n`);
        this.log(`${n.screened} screened, ${n.remaining} to go; order: ${n.note}. Decide with: litkit screen decide ${r.id} include|exclude|maybe${flags.stage === 'full-text' ? ' --stage full-text' : ''}`);
      }
      if (n.hint) this.log(`Hint: ${n.hint}`);
      return n;
    } finally {
      db.close();
    }
  }
}
