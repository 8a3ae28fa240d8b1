import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { resolveFramework } from '../../core/coding/framework/index.js';
import { exportCodebook } from '../../core/interop/index.js';
import { openProject } from '../../core/store/index.js';

export default class FrameworkExport extends LitkitCommand {
  static override description = 'Print a loaded framework as the YAML it was loaded from, to edit and load again, or as a REFI-QDA codebook (--format qdc) for other QDA tools.';

  static override examples = ['<%= config.bin %> framework export > framework.yaml', '<%= config.bin %> framework export --format qdc > codebook.qdc'];

  static override flags = {
    project: projectFlag,
    framework: Flags.string({ char: 'f', description: 'Framework id (needed when several are loaded).' }),
    format: Flags.string({ description: 'Output format: the YAML, or a REFI-QDA codebook (QDC).', options: ['yaml', 'qdc'], default: 'yaml' }),
  };

  async run(): Promise<{ id: string; version: string; yaml: string } | { id: string; version: string; qdc: string }> {
    const { flags } = await this.parse(FrameworkExport);
    const db = openProject(flags.project);
    try {
      const fw = resolveFramework(db, flags.framework);
      if (flags.format === 'qdc') {
        const qdc = exportCodebook(db, fw.id);
        if (!this.jsonEnabled()) process.stdout.write(qdc);
        return { id: fw.id, version: fw.version, qdc };
      }
      if (!this.jsonEnabled()) process.stdout.write(fw.source.endsWith('\n') ? fw.source : `${fw.source}\n`);
      return { id: fw.id, version: fw.version, yaml: fw.source };
    } finally {
      db.close();
    }
  }
}
