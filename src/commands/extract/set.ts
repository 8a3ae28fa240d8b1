import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { setValue } from '../../core/review/index.js';
import { currentCoder } from '../../core/store/settings.js';
import { openProject } from '../../core/store/index.js';

export default class ExtractSet extends LitkitCommand {
  static override description = "Fill one field of a study's extraction form; the value is checked against the field's type and options.";

  static override examples = ['<%= config.bin %> extract set 12 design qualitative', '<%= config.bin %> extract set 12 grounds "race; gender"'];

  static override args = {
    record: Args.integer({ description: 'Record id of the study.', required: true }),
    field: Args.string({ description: 'Field id.', required: true }),
    value: Args.string({ description: 'Value (list items separated by ";").', required: true }),
  };

  static override flags = { project: projectFlag, reviewer: Flags.string({ char: 'r', description: 'Who extracted it (default: the current coder).' }) };

  async run(): Promise<{ record: number; field: string; value: string }> {
    const { args, flags } = await this.parse(ExtractSet);
    const db = openProject(flags.project);
    try {
      setValue(db, args.record, args.field, args.value, currentCoder(db, flags.reviewer));
      this.log(`#${args.record} ${args.field} = ${args.value}`);
      return { record: args.record, field: args.field, value: args.value };
    } finally {
      db.close();
    }
  }
}
