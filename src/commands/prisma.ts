import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../cli/base.js';
import { forceFlag } from '../cli/render.js';
import { stripControls } from '../core/render/escape.js';
import { claimOutput, writeOutput } from '../core/render/outputs.js';
import { pendingLines, prisma2020Csv, prismaCounts, prismaMarkdown, prismaMermaid, prismaSvg, type PrismaCounts } from '../core/review/index.js';
import { openProject } from '../core/store/index.js';
import { LitkitError } from '../errors.js';

const EXTENSIONS: Record<string, string[]> = { svg: ['.svg'], mermaid: ['.mmd', '.mermaid'], md: ['.md', '.markdown'], json: ['.json'], 'prisma2020-csv': ['.csv'] };

export default class Prisma extends LitkitCommand {
  static override description = 'The PRISMA 2020 flow (identified per source, duplicates removed, screened, excluded, sought, not retrieved, assessed, excluded with reasons, included), computed from final decisions only: records in conflict or awaiting a reviewer are shown as pending, never counted in a box. As an SVG diagram, Mermaid, Markdown, JSON, or the CSV the PRISMA2020 R package and Shiny app read (prisma2020-csv). --strict refuses while conflicts are unresolved.';

  static override examples = ['<%= config.bin %> prisma --format svg --out prisma.svg', '<%= config.bin %> prisma --format md', '<%= config.bin %> prisma --strict --format svg --out prisma.svg', '<%= config.bin %> prisma --format prisma2020-csv --out PRISMA.csv'];

  static override flags = {
    project: projectFlag,
    format: Flags.string({ description: 'Output format.', options: ['svg', 'mermaid', 'md', 'json', 'prisma2020-csv'], default: 'md' }),
    out: Flags.string({ char: 'o', description: 'Write to this file (.svg, .mmd, .md, .json or .csv, as --format).' }),
    force: forceFlag,
    strict: Flags.boolean({ description: 'Refuse (exit 1, nothing written) while any conflict is unresolved.' }),
  };

  async run(): Promise<PrismaCounts> {
    const { flags } = await this.parse(Prisma);
    const db = openProject(flags.project);
    try {
      const c = prismaCounts(db);
      if (flags.strict && c.unresolvedConflicts) {
        throw new LitkitError('E_UNRESOLVED', `${c.unresolvedConflicts} screening conflict${c.unresolvedConflicts === 1 ? ' is' : 's are'} unresolved (screening ${c.screeningPending.conflicts}, full text ${c.assessmentPending.conflicts}); settle them with \`litkit screen conflicts\` and \`litkit screen resolve\``);
      }
      const text =
        flags.format === 'svg' ? prismaSvg(c)
        : flags.format === 'mermaid' ? `${prismaMermaid(c)}\n`
        : flags.format === 'json' ? `${JSON.stringify(c, null, 2)}\n`
        : flags.format === 'prisma2020-csv' ? prisma2020Csv(c)
        : `${prismaMarkdown(c)}\n`;
      const pending = c.awaitingScreening + c.awaitingAssessment;
      if (pending && !this.jsonEnabled()) process.stderr.write(`litkit: prisma: ${pending} record${pending === 1 ? ' is' : 's are'} not in the flow yet (${[...pendingLines(c.screeningPending, 'screening'), ...pendingLines(c.assessmentPending, 'assessment')].join('; ')})\n`);
      if (flags.out) {
        claimOutput(db, flags.out, EXTENSIONS[flags.format]!, { force: flags.force });
        await writeOutput(db, flags.out, text);
        this.logToStderr(`Wrote ${flags.out} (PRISMA 2020 flow, ${flags.format})`);
      } else if (!this.jsonEnabled()) process.stdout.write(stripControls(text));
      return c;
    } finally {
      db.close();
    }
  }
}
