import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { importDecisions, STAGES, type Stage } from '../../core/review/index.js';
import { currentCoder } from '../../core/store/settings.js';
import { openProject } from '../../core/store/index.js';
import { stripControls } from '../../core/render/escape.js';

export default class ScreenImport extends LitkitCommand {
  static override description = 'Import decisions made elsewhere: a CSV with record_id and decision columns (reason, reviewer and stage optional).';

  static override examples = ['<%= config.bin %> screen import decisions.csv --reviewer ben'];

  static override args = { file: Args.string({ description: 'CSV file.', required: true }) };

  static override flags = {
    project: projectFlag,
    reviewer: Flags.string({ char: 'r', description: 'Reviewer for rows without one (default: the current coder).' }),
    stage: Flags.string({ description: 'Stage for rows without one.', options: [...STAGES], default: 'title-abstract' }),
  };

  async run(): Promise<{ imported: number; problems: { line: number; message: string }[] }> {
    const { args, flags } = await this.parse(ScreenImport);
    const db = openProject(flags.project);
    try {
      const r = importDecisions(db, args.file, { reviewer: currentCoder(db, flags.reviewer), stage: flags.stage as Stage });
      for (const p of r.problems) process.stderr.write(stripControls(`litkit: ${args.file}:${p.line}: ${p.message} (E_RECORD)\n`));
      this.log(`Imported ${r.imported} decisions${r.problems.length ? `; ${r.problems.length} rows skipped` : ''}.`);
      if (r.problems.length) process.exitCode = 3;
      return r;
    } finally {
      db.close();
    }
  }
}
