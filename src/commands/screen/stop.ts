import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { stoppingFlags } from '../../cli/stopping-flags.js';
import { STAGES, stoppingReport, type Stage, type StopReport } from '../../core/review/index.js';
import { openProject } from '../../core/store/index.js';

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export default class ScreenStop extends LitkitCommand {
  static override description = `Whether screening can stop with a recall guarantee: the test of Callaghan & Müller-Hansen (2020). After prioritised screening, screen records drawn at random from the rest (\`screen next --sample\`); a hypergeometric test on that sample rejects "recall is below the target" at the confidence asked, or says how many more random records to screen if none of them is relevant.`;

  static override examples = ['<%= config.bin %> screen stop', '<%= config.bin %> screen stop --recall 0.99 --confidence 0.9 --stage full-text'];

  static override flags = {
    project: projectFlag,
    stage: Flags.string({ description: 'Screening stage.', options: [...STAGES], default: 'title-abstract' }),
    ...stoppingFlags,
  };

  async run(): Promise<StopReport> {
    const { flags } = await this.parse(ScreenStop);
    const { recall, confidence } = flags;
    const db = openProject(flags.project);
    try {
      const r = stoppingReport(db, flags.stage as Stage, { recall, confidence });
      this.log(
        `${r.records} records at ${r.stage}: ${r.screenedBefore} screened in the model's order (${r.relevantBefore} going forward), then ${r.sampled} of the ${r.urn} others at random (${r.sampledRelevant} going forward)${r.pendingDraws ? `; ${r.pendingDraws} drawn and not yet decided` : ''}.`,
      );
      if (r.unsettledBefore) this.log(`${r.unsettledBefore} records are in conflict or await a reviewer: counted as not going forward until settled.`);
      const p = r.p === 0 ? '0' : r.p < 0.0001 ? r.p.toExponential(2) : r.p.toFixed(4);
      if (r.urn === 0) this.log('stop: every record at this stage has been screened, so recall is known');
      else if (r.stop) this.log(`stop: recall ≥ ${pct(r.target)} with ${pct(r.confidence)} confidence (p = ${p})`);
      else this.log(`go on: screen ${r.more} more random record${r.more === 1 ? '' : 's'} (\`litkit screen next --sample\`); if none of them goes forward, recall ≥ ${pct(r.target)} with ${pct(r.confidence)} confidence (p = ${p} now)`);
      return r;
    } finally {
      db.close();
    }
  }
}
