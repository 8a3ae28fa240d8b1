import { Args } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { openProject } from '../../core/store/index.js';
import { SETTINGS, setSetting } from '../../core/store/settings.js';

export default class ConfigSet extends LitkitCommand {
  static override description = `Set a project setting. Settings: ${Object.entries(SETTINGS).map(([k, v]) => `${k} (${v})`).join('; ')}.`;

  static override examples = ['<%= config.bin %> config set coder amina', '<%= config.bin %> config set limits.max-text-mb 64'];

  static override args = {
    key: Args.string({ description: 'Setting name.', required: true, options: Object.keys(SETTINGS) }),
    value: Args.string({ description: 'Its value.', required: true }),
  };

  static override flags = { project: projectFlag };

  async run(): Promise<{ key: string; value: string }> {
    const { args, flags } = await this.parse(ConfigSet);
    const db = openProject(flags.project);
    try {
      setSetting(db, args.key, args.value);
      this.log(`${args.key} = ${args.value}`);
      return { key: args.key, value: args.value };
    } finally {
      db.close();
    }
  }
}
