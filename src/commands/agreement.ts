import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../cli/base.js';
import { terminalWidth } from '../cli/render.js';
import { columns, toTerminal } from '../core/tables/index.js';
import { agreement, type AgreementReport, type AgreementStats } from '../core/coding/index.js';
import { openProject } from '../core/store/index.js';
import { UsageError } from '../errors.js';

const num = (x: number | null, d = 3) => (x === null ? 'n/a' : x.toFixed(d));

export default class Agreement extends LitkitCommand {
  static override description = `Agreement between two coders over the documents both coded: per code and overall, the counts, percent agreement, Cohen's kappa and Krippendorff's alpha (nominal).
Units are segments (coded if a coding touches the segment) or characters of the page text.`;

  static override examples = ['<%= config.bin %> agreement --coders amina,ben', '<%= config.bin %> agreement --coders amina,ben --code race --code employment.promotion --unit character'];

  static override flags = {
    project: projectFlag,
    coders: Flags.string({ description: 'The two coders, comma-separated.', required: true }),
    code: Flags.string({ description: 'Only these codes (repeatable; default: every code either coder used).', multiple: true }),
    unit: Flags.string({ description: 'Unit of analysis.', options: ['segment', 'character'], default: 'segment' }),
  };

  async run(): Promise<AgreementReport> {
    const { flags } = await this.parse(Agreement);
    const coders = flags.coders.split(',').map((c) => c.trim()).filter(Boolean);
    if (coders.length !== 2) throw new UsageError('E_USAGE', `--coders takes two names separated by a comma, got "${flags.coders}"`);
    const db = openProject(flags.project);
    try {
      const r = agreement(db, { coders: [coders[0]!, coders[1]!], codes: flags.code, unit: flags.unit as 'segment' | 'character' });
      const row = (name: string, s: AgreementStats) => [name, s.both, s.firstOnly, s.secondOnly, s.neither, `${(100 * s.percentAgreement).toFixed(1)}%`, num(s.kappa), num(s.alpha)];
      this.log(`${r.coders[0]} and ${r.coders[1]} on ${r.documents} document${r.documents === 1 ? '' : 's'} coded by both; unit: ${r.unit}\n`);
      const cols = columns('code:key', 'both:number', `${r.coders[0]} only:number`, `${r.coders[1]} only:number`, 'neither:number', 'agreement:number', 'kappa:number', 'alpha:number');
      this.log(toTerminal({ columns: cols, rows: [...r.byCode.map((c) => row(c.code, c)), row('overall', r.overall)] }, terminalWidth()));
      return r;
    } finally {
      db.close();
    }
  }
}
