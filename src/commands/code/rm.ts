import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { removeCodings, type CodingInfo } from '../../core/coding/index.js';
import { currentCoder } from '../../core/store/settings.js';
import { openProject } from '../../core/store/index.js';
import { UsageError } from '../../errors.js';

export default class CodeRm extends LitkitCommand {
  static override description = 'Remove codings by id (see `litkit code list`); the audit log keeps a record.';

  static override examples = ['<%= config.bin %> code rm 812', '<%= config.bin %> code rm 812 813'];

  static override strict = false;

  static override args = { ids: Args.integer({ description: 'Coding ids.', required: true }) };

  static override flags = { project: projectFlag, coder: Flags.string({ char: 'c', description: 'Who removes them, for the audit log.' }) };

  async run(): Promise<{ removed: CodingInfo[] }> {
    const { argv, flags } = await this.parse(CodeRm);
    const ids = (argv as string[]).map((a) => {
      if (!/^\d+$/.test(a)) throw new UsageError('E_USAGE', `coding ids are whole numbers, got "${a}"`);
      return Number(a);
    });
    const db = openProject(flags.project);
    try {
      const removed = removeCodings(db, ids, currentCoder(db, flags.coder));
      for (const c of removed) this.log(`Removed coding #${c.id} ${c.code} by ${c.coder} (${c.citation})`);
      return { removed };
    } finally {
      db.close();
    }
  }
}
