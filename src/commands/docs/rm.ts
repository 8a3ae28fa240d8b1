import { Args } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { UsageError } from '../../errors.js';
import { removeDocument } from '../../core/documents/index.js';
import { openProject } from '../../core/store/index.js';

export default class DocsRm extends LitkitCommand {
  static override description = 'Remove documents and everything derived from them (pages, segments, index entries, attributes).';

  static override examples = ['<%= config.bin %> docs rm 3', '<%= config.bin %> docs rm 3 4 5'];

  static override strict = false;

  static override args = {
    ids: Args.integer({ description: 'Document ids to remove.', required: true }),
  };

  static override flags = { project: projectFlag };

  async run(): Promise<{ removed: { id: number; title: string; segments: number }[] }> {
    const { argv, flags } = await this.parse(DocsRm);
    const ids = (argv as string[]).map((a) => {
      if (!/^\d+$/.test(a)) throw new UsageError('E_USAGE', `document ids are whole numbers, got "${a}"`);
      return Number(a);
    });
    const db = openProject(flags.project);
    try {
      const removed = ids.map((id) => removeDocument(db, id));
      for (const r of removed) this.log(`Removed document ${r.id}: ${r.title} (${r.segments} segments)`);
      return { removed };
    } finally {
      db.close();
    }
  }
}
