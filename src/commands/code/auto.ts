import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { formatTable } from '../../cli/output.js';
import { autocode, type AutocodeReport } from '../../core/coding/index.js';
import { DEFAULT_CODING_KINDS, parseKinds, SEGMENT_KINDS } from '../../core/documents/index.js';
import { openProject } from '../../core/store/index.js';

export default class CodeAuto extends LitkitCommand {
  static override description = `Code every segment with the framework's rules, as coder "auto".
Each coding keeps the rule that fired and the words it matched. Re-running replaces the framework's auto codings (in scope); manual codings are never touched.
Headings, key-value lines, source and URL lines and boilerplate are not coded unless --include-kinds says so.`;

  static override examples = [
    '<%= config.bin %> code auto',
    "<%= config.bin %> code auto --framework race-equality --where 'promot* OR career'",
    '<%= config.bin %> code auto --include-kinds all',
  ];

  static override flags = {
    project: projectFlag,
    framework: Flags.string({ char: 'f', description: 'Framework id (needed when several are loaded).' }),
    where: Flags.string({ description: 'Only segments matching this full-text query (search syntax).' }),
    doc: Flags.integer({ description: 'Only this document.' }),
    'include-kinds': Flags.string({
      description: `Kinds of segment to code, a comma list of ${SEGMENT_KINDS.join(', ')}, or all.`,
      default: DEFAULT_CODING_KINDS.join(','),
      helpValue: 'KINDS',
    }),
  };

  async run(): Promise<AutocodeReport> {
    const { flags } = await this.parse(CodeAuto);
    const kinds = parseKinds(flags['include-kinds']);
    const db = openProject(flags.project);
    try {
      const r = autocode(db, { framework: flags.framework, where: flags.where, documentId: flags.doc, kinds });
      this.log(formatTable(['code', 'auto codings', 'documents'], r.byCode.map((c) => [c.code, c.codings, c.documents])));
      this.log(`\nAuto-coded ${r.segments} segments with "${r.framework}" version ${r.version}: ${r.codings} codings (${r.replaced} replaced) in ${r.seconds.toFixed(2)} s (${Math.round(r.segmentsPerSecond)} segments/s)`);
      return r;
    } finally {
      db.close();
    }
  }
}
