import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { forceFlag } from '../../cli/render.js';
import { claimOutput, writeOutput } from '../../core/render/outputs.js';
import { loadFramework, type LoadReport } from '../../core/coding/framework/index.js';
import { importCodebook } from '../../core/interop/index.js';
import { openProject } from '../../core/store/index.js';

export default class FrameworkImport extends LitkitCommand {
  static override description = `Import a REFI-QDA codebook (.qdc) as a framework: codes, hierarchy, definitions and colours, with ids made from the labels and no rules.
Loads it into the project, or with --out writes the YAML (to add rules, then \`framework load\`).`;

  static override examples = ['<%= config.bin %> framework import codebook.qdc', '<%= config.bin %> framework import codebook.qdc --id themes --out themes.yaml'];

  static override args = {
    file: Args.string({ description: 'The .qdc file.', required: true }),
  };

  static override flags = {
    project: projectFlag,
    id: Flags.string({ description: 'Framework id (default: from the file name).' }),
    title: Flags.string({ description: 'Framework title (default: the file name).' }),
    out: Flags.string({ char: 'o', description: 'Write the framework YAML to this file instead of loading it.' }),
    force: forceFlag,
  };

  async run(): Promise<{ framework: string; codes: number; sets: number; out: string | null; load: LoadReport | null }> {
    const { args, flags } = await this.parse(FrameworkImport);
    const r = importCodebook(args.file, { id: flags.id, title: flags.title });
    const dropped = r.sets ? `; ${r.sets} code sets not kept (a framework has none)` : '';
    if (flags.out) {
      // No project is needed to write YAML, so none is protected; an existing file needs --force.
      claimOutput(undefined, flags.out, ['.yaml', '.yml'], { force: flags.force });
      await writeOutput(undefined, flags.out, r.yaml);
      this.logToStderr(`Wrote framework "${r.framework.id}" with ${r.codes} codes to ${flags.out}${dropped}`);
      return { framework: r.framework.id, codes: r.codes, sets: r.sets, out: flags.out, load: null };
    }
    const db = openProject(flags.project);
    try {
      const load = loadFramework(db, r.framework, r.yaml);
      this.log(`Loaded framework "${load.framework}" from ${args.file}: ${load.added.length} codes added, ${load.kept} kept${dropped}`);
      return { framework: r.framework.id, codes: r.codes, sets: r.sets, out: null, load };
    } finally {
      db.close();
    }
  }
}
