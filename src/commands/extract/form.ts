import { Args } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { readForm, setForm, type ExtractionForm } from '../../core/review/index.js';
import { openProject } from '../../core/store/index.js';

export default class ExtractForm extends LitkitCommand {
  static override description = 'Set the data-extraction form: a YAML list of fields (text, number, choice, list). Bundled: study (design, population, setting, sample, grounds, stages, findings, quality).';

  static override examples = ['<%= config.bin %> extract form study', '<%= config.bin %> extract form my-form.yaml'];

  static override args = { file: Args.string({ description: 'Form YAML, or a bundled form name.', required: true }) };

  static override flags = { project: projectFlag };

  async run(): Promise<ExtractionForm> {
    const { args, flags } = await this.parse(ExtractForm);
    const form = readForm(args.file);
    const db = openProject(flags.project);
    try {
      setForm(db, form);
      this.log(`Extraction form set: ${form.fields.map((f) => `${f.id} (${f.type})`).join(', ')}`);
      return form;
    } finally {
      db.close();
    }
  }
}
