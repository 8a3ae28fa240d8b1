import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { dedupe, undoDedupe, type DedupeReport } from '../../core/review/index.js';
import { openProject } from '../../core/store/index.js';

export default class RecordsDedupe extends LitkitCommand {
  static override description = 'Find duplicate records (same DOI or PMID; same title, year and first author; titles at least 90% alike) and keep the most complete of each group. Reversible with --undo.';

  static override examples = ['<%= config.bin %> records dedupe --dry-run', '<%= config.bin %> records dedupe', '<%= config.bin %> records dedupe --undo'];

  static override flags = {
    project: projectFlag,
    'dry-run': Flags.boolean({ description: 'Report the groups without marking anything.' }),
    undo: Flags.boolean({ description: 'Clear every duplicate mark.', exclusive: ['dry-run'] }),
  };

  async run(): Promise<DedupeReport | { cleared: number }> {
    const { flags } = await this.parse(RecordsDedupe);
    const db = openProject(flags.project);
    try {
      if (flags.undo) {
        const cleared = undoDedupe(db);
        this.log(`Cleared ${cleared} duplicate marks.`);
        return { cleared };
      }
      const r = dedupe(db, { dryRun: flags['dry-run'] });
      for (const g of r.groups) {
        this.log(`keep #${g.kept} ${g.title.slice(0, 90)}`);
        for (const d of g.duplicates) this.log(`  duplicate #${d.id}: ${d.reason}`);
      }
      this.log(`${r.duplicates} duplicates in ${r.groups.length} groups among ${r.records} records${r.dryRun ? ' (dry run: nothing marked)' : ''}`);
      return r;
    } finally {
      db.close();
    }
  }
}
