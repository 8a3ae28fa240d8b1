import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { terminalWidth } from '../../cli/render.js';
import { columns, toTerminal } from '../../core/tables/index.js';
import { autocode, type AutocodeReport } from '../../core/coding/index.js';
import { DEFAULT_CODING_KINDS, parseKinds, SEGMENT_KINDS } from '../../core/documents/index.js';
import { openProject } from '../../core/store/index.js';
import { UsageError } from '../../errors.js';

export default class CodeAuto extends LitkitCommand {
  static override description = `Code every segment with the framework's rules, as coder "auto".
Each coding keeps the rules that fired, the words they matched and a confidence (0 to 1) from the kinds of rules, the distinct words, the share of the segment they cover and the review decisions so far. Re-running replaces the framework's auto codings (in scope) and re-applies review decisions to them; manual codings are never touched.
Headings, key-value lines, source and URL lines and boilerplate are not coded unless --include-kinds says so; nor are interviewers' turns in transcripts unless --include-interviewer.`;

  static override examples = [
    '<%= config.bin %> code auto',
    "<%= config.bin %> code auto --framework race-equality --where 'text:promot* OR doc.type = policy'",
    '<%= config.bin %> code auto --include-kinds all',
    '<%= config.bin %> code auto --min-confidence 0.4',
  ];

  static override flags = {
    project: projectFlag,
    framework: Flags.string({ char: 'f', description: 'Framework id (needed when several are loaded).' }),
    where: Flags.string({ description: 'Only segments this query selects (the `litkit query` language; text:"words" for a text search).', helpValue: 'QUERY' }),
    doc: Flags.integer({ description: 'Only this document.' }),
    'min-confidence': Flags.string({ description: 'Store only codings with at least this confidence (0 to 1); codings a reviewer decided on are always stored.', default: '0' }),
    'include-interviewer': Flags.boolean({ description: 'Also code the turns of interviewers and moderators (speakers with role interviewer), left out by default.' }),
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
      const minConfidence = Number(flags['min-confidence']);
      if (!(minConfidence >= 0 && minConfidence < 1)) throw new UsageError('E_USAGE', `--min-confidence takes a number from 0 to below 1, got "${flags['min-confidence']}"`);
      const r = autocode(db, { framework: flags.framework, where: flags.where, documentId: flags.doc, minConfidence, kinds, includeInterviewer: flags['include-interviewer'] });
      this.log(toTerminal({ columns: columns('code:key', 'auto codings:number', 'documents:number'), rows: r.byCode.map((c) => [c.code, c.codings, c.documents]) }, terminalWidth()));
      this.log(`\nAuto-coded ${r.segments} segments with "${r.framework}" version ${r.version}: ${r.codings} codings (${r.replaced} replaced) in ${r.seconds.toFixed(2)} s (${Math.round(r.segmentsPerSecond)} segments/s)`);
      if (r.reviewed) this.log(`${r.reviewed} codings keep their review decisions (\`litkit code list --status accepted|rejected\`).`);
      if (r.heldBack) this.log(`${r.heldBack} codings below confidence ${minConfidence} held back.`);
      return r;
    } finally {
      db.close();
    }
  }
}
