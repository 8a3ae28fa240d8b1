import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { importValues } from '../../core/review/index.js';
import { currentCoder } from '../../core/store/settings.js';
import { openProject } from '../../core/store/index.js';

export default class ExtractImport extends LitkitCommand {
  static override description = 'Import extracted values from a CSV with a record_id column and a column per field id; a bad value stops the import with its line, and nothing is stored.';

  static override examples = ['<%= config.bin %> extract import extraction.csv --reviewer ben'];

  static override args = { file: Args.string({ description: 'CSV file.', required: true }) };

  static override flags = { project: projectFlag, reviewer: Flags.string({ char: 'r', description: 'Who extracted them (default: the current coder).' }) };

  async run(): Promise<{ records: number; values: number }> {
    const { args, flags } = await this.parse(ExtractImport);
    const db = openProject(flags.project);
    try {
      const r = importValues(db, args.file, currentCoder(db, flags.reviewer));
      this.log(`Imported ${r.values} values for ${r.records} studies.`);
      return r;
    } finally {
      db.close();
    }
  }
}
