import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { forceFlag } from '../../cli/render.js';
import { exportQdpx, type QdpxExportReport } from '../../core/interop/index.js';
import { openProject } from '../../core/store/index.js';

const n = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;

export default class ExportQdpx extends LitkitCommand {
  static override description = `Export the project as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder or another litkit.
Coders become users; the codebook keeps hierarchy, colours and definitions; each document is a plain-text source (pages joined by form feeds) with its codings as selections; memos become notes; attributes become variables, cases and sets. Positions are Unicode code points.`;

  static override examples = ['<%= config.bin %> export qdpx review.qdpx', "<%= config.bin %> export qdpx policies.qdpx --where 'doc.type = policy'"];

  static override args = {
    out: Args.string({ description: 'The .qdpx file to write.', required: true }),
  };

  static override flags = {
    project: projectFlag,
    where: Flags.string({ char: 'w', description: 'Only documents with a segment this query selects (the language of `litkit query`).' }),
    name: Flags.string({ description: 'The project name other tools show (default: the project folder name).' }),
    force: forceFlag,
  };

  async run(): Promise<QdpxExportReport> {
    const { args, flags } = await this.parse(ExportQdpx);
    const db = openProject(flags.project);
    try {
      const r = await exportQdpx(db, args.out, { where: flags.where, name: flags.name, force: flags.force });
      this.logToStderr(
        `Wrote ${r.file} (${(r.bytes / 1024).toFixed(0)} KB): ${n(r.documents, 'document')}, ${n(r.codes, 'code')}, ${n(r.codings, 'coding')} in ${n(r.selections, 'selection')} by ${n(r.users, 'user')}, ${n(r.memos, 'memo')}, ${n(r.variables, 'variable')}, ${n(r.cases, 'case')}, ${n(r.sets, 'set')} in ${r.seconds.toFixed(1)} s`,
      );
      for (const n of r.notCarried) this.logToStderr(`  not carried: ${n}`);
      return r;
    } finally {
      db.close();
    }
  }
}
