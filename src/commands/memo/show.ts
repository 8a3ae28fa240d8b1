import { Args } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { getMemo, type Memo } from '../../core/coding/index.js';
import { openProject } from '../../core/store/index.js';

export default class MemoShow extends LitkitCommand {
  static override description = 'Show one memo in full.';

  static override examples = ['<%= config.bin %> memo show 3'];

  static override args = { id: Args.integer({ description: 'Memo id.', required: true }) };

  static override flags = { project: projectFlag };

  async run(): Promise<Memo> {
    const { args, flags } = await this.parse(MemoShow);
    const db = openProject(flags.project);
    try {
      const m = getMemo(db, args.id);
      this.log(`Memo #${m.id} on ${m.target}, by ${m.author}, ${m.createdAt}\n\n${m.text}`);
      return m;
    } finally {
      db.close();
    }
  }
}
