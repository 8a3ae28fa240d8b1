import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { emitTable, tableFlags, tableFormat } from '../../cli/render.js';
import { frameworkCodes, resolveFramework, type Code } from '../../core/coding/framework/index.js';
import { codeCounts, frameworkStats, type CodeStats } from '../../core/coding/index.js';
import { openProject } from '../../core/store/index.js';
import { columns } from '../../core/tables/index.js';

export default class FrameworkShow extends LitkitCommand {
  static override description = "Show a loaded framework's codes with their definitions and how often each is coded.";

  static override examples = ['<%= config.bin %> framework show --tree', '<%= config.bin %> framework show --stats', '<%= config.bin %> framework show --framework race-equality --json'];

  static override flags = {
    project: projectFlag,
    framework: Flags.string({ char: 'f', description: 'Framework id (needed when several are loaded).' }),
    tree: Flags.boolean({ description: 'Show the hierarchy as an indented tree.', exclusive: ['stats'] }),
    stats: Flags.boolean({ description: 'Show, per code and per rule, the auto and suggested codings, how many were reviewed, accepted and rejected, and the precision.' }),
    ...tableFlags,
  };

  async run(): Promise<{ id: string; title: string; version: string; codes: (Code & { codings: number })[]; stats?: CodeStats[] }> {
    const { flags } = await this.parse(FrameworkShow);
    const db = openProject(flags.project);
    try {
      const fw = resolveFramework(db, flags.framework);
      const counts = codeCounts(db);
      const codes = frameworkCodes(db, fw.id).map((c) => ({ ...c, codings: counts.get(c.id) ?? 0 }));
      const terminal = !flags.out && tableFormat(flags) === 'table';
      if (terminal) this.log(`${fw.title} (${fw.id}, version ${fw.version})\n`);
      if (flags.stats) {
        const stats = frameworkStats(db, fw.id);
        const p = (x: number | null) => (x === null ? '' : x.toFixed(2));
        const rows = stats.flatMap((c) => [
          [c.code, c.codings, c.reviewed, c.accepted, c.rejected, p(c.precision)],
          ...c.rules.map((r) => [`· ${r.rule}`, r.codings, r.reviewed, r.accepted, r.rejected, p(r.precision)]),
        ]);
        const result = { id: fw.id, title: fw.title, version: fw.version, codes, stats };
        await emitTable(this, db, flags, { title: `${fw.title}: rule precision`, columns: columns('code / rule', 'codings:number', 'reviewed:number', 'accepted:number', 'rejected:number', 'precision:number'), rows }, { data: result });
        return result;
      }
      const result = { id: fw.id, title: fw.title, version: fw.version, codes };
      if (flags.tree && terminal) {
        const depth = (c: Code) => c.id.split('.').length - 1;
        for (const c of codes) this.log(`${'  '.repeat(depth(c))}${c.id}  ${c.label}  [${c.codings}]`);
      } else {
        await emitTable(this, db, flags, { title: fw.title, columns: columns('code:key', 'label', 'codings:number', 'definition:excerpt'), rows: codes.map((c) => [c.id, c.label, c.codings, c.definition]) }, { data: result });
      }
      return result;
    } finally {
      db.close();
    }
  }
}
