import { Args } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { openProject } from '../../core/store/index.js';
import { defaultSetting, getSetting, SETTINGS } from '../../core/store/settings.js';

export default class ConfigGet extends LitkitCommand {
  static override description = 'Print a project setting (or all of them).';

  static override examples = ['<%= config.bin %> config get coder', '<%= config.bin %> config get'];

  static override args = { key: Args.string({ description: 'Setting name.', options: Object.keys(SETTINGS) }) };

  static override flags = { project: projectFlag };

  async run(): Promise<Record<string, string | null>> {
    const { args, flags } = await this.parse(ConfigGet);
    const db = openProject(flags.project);
    try {
      const keys = args.key ? [args.key] : Object.keys(SETTINGS);
      const values = Object.fromEntries(keys.map((k) => [k, getSetting(db, k) ?? defaultSetting(k) ?? null]));
      for (const [k, v] of Object.entries(values)) this.log(`${k} = ${v ?? '(not set)'}${v !== null && getSetting(db, k) === undefined ? ' (default)' : ''}`);
      return values;
    } finally {
      db.close();
    }
  }
}
