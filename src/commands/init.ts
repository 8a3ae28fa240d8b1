import { Args } from '@oclif/core';
import { LitkitCommand } from '../cli/base.js';
import { initProject } from '../core/store/index.js';

export default class Init extends LitkitCommand {
  static override description = 'Create a litkit project: a folder holding one SQLite database.';

  static override examples = ['<%= config.bin %> init review', '<%= config.bin %> init'];

  static override args = {
    dir: Args.string({ description: 'Folder for the project (created if missing).', default: '.' }),
  };

  async run(): Promise<{ database: string; created: boolean }> {
    const { args } = await this.parse(Init);
    const { file, created } = initProject(args.dir);
    this.log(created ? `Created project ${file}` : `Project already exists: ${file} (schema is up to date)`);
    return { database: file, created };
  }
}
