import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { applySummary } from '../../cli/interop-summary.js';
import { importQdpx, type ApplyReport } from '../../core/interop/index.js';
import { openProject } from '../../core/store/index.js';

export default class ImportQdpx extends LitkitCommand {
  static override description = `Import a REFI-QDA project (.qdpx from NVivo, ATLAS.ti, MAXQDA, QualCoder or litkit) into the project.
Codes are matched to the project's (by litkit id, else by their path of labels) or added to a framework; text sources become documents (matched by SHA-256 or identical text); codings keep their coders; notes become memos; variables, cases and sets become attributes. What cannot be mapped is listed. One transaction: all or nothing.`;

  static override examples = ['<%= config.bin %> import qdpx colleague.qdpx', '<%= config.bin %> import qdpx nvivo-export.qdpx --framework race-equality'];

  static override args = {
    file: Args.string({ description: 'The .qdpx file (or a bare project .qde).', required: true }),
  };

  static override flags = {
    project: projectFlag,
    framework: Flags.string({ char: 'f', description: 'Put codes the project does not have into this framework (created if missing; default: one named after the imported project).' }),
  };

  async run(): Promise<ApplyReport> {
    const { args, flags } = await this.parse(ImportQdpx);
    const db = openProject(flags.project);
    try {
      const r = await importQdpx(db, args.file, { framework: flags.framework });
      for (const line of applySummary(r, 'Imported')) this.log(line);
      return r;
    } finally {
      db.close();
    }
  }
}
