import { Args } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { currentForm, studyValues } from '../../core/review/index.js';
import { openProject } from '../../core/store/index.js';

export default class ExtractShow extends LitkitCommand {
  static override description = "Show a study's extraction form with the values filled so far.";

  static override examples = ['<%= config.bin %> extract show 12'];

  static override args = { record: Args.integer({ description: 'Record id of the study.', required: true }) };

  static override flags = { project: projectFlag };

  async run(): Promise<Record<string, string | null>> {
    const { args, flags } = await this.parse(ExtractShow);
    const db = openProject(flags.project);
    try {
      const form = currentForm(db);
      const values = studyValues(db, args.record);
      const width = Math.max(...form.fields.map((f) => f.label.length));
      for (const f of form.fields) this.log(`${f.label.padEnd(width)}  ${values[f.id] ?? '—'}`);
      return values;
    } finally {
      db.close();
    }
  }
}
