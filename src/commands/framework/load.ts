import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { readTextFile } from '../../core/text/index.js';
import { bundledFramework, loadFramework, parseFramework, type LoadReport } from '../../core/coding/framework/index.js';
import { openProject } from '../../core/store/index.js';

export default class FrameworkLoad extends LitkitCommand {
  static override description = `Load a coding framework into the project, or reload it after editing.
Codes that still exist keep their codings; a code with was: OLD-ID is renamed with its codings; dropping a code that has codings needs --force.`;

  static override examples = ['<%= config.bin %> framework load race-equality', '<%= config.bin %> framework load my-framework.yaml --force'];

  static override args = {
    file: Args.string({ description: 'Framework YAML file, or the name of a bundled framework (race-equality, data-standards).', required: true }),
  };

  static override flags = {
    project: projectFlag,
    force: Flags.boolean({ description: 'Allow dropping codes that have codings (their codings are deleted).' }),
  };

  async run(): Promise<LoadReport> {
    const { args, flags } = await this.parse(FrameworkLoad);
    const file = bundledFramework(args.file);
    const source = readTextFile(file);
    const framework = parseFramework(source, file);
    const db = openProject(flags.project);
    try {
      const r = loadFramework(db, framework, source, { force: flags.force });
      this.log(`Loaded framework "${r.framework}" version ${r.version}: ${r.added.length} codes added, ${r.kept} kept, ${r.renamed.length} renamed, ${r.removed.length} removed`);
      for (const x of r.renamed) this.log(`  renamed ${x.from} -> ${x.to}`);
      for (const x of r.removed) this.log(`  removed ${x.id}${x.codings ? ` and its ${x.codings} codings` : ''}`);
      return r;
    } finally {
      db.close();
    }
  }
}
