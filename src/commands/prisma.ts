import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../cli/base.js';
import { forceFlag } from '../cli/render.js';
import { stripControls } from '../core/render/escape.js';
import { claimOutput, writeOutput } from '../core/render/outputs.js';
import { prismaCounts, prismaMermaid, prismaSvg, type PrismaCounts } from '../core/review/index.js';
import { openProject } from '../core/store/index.js';

const EXTENSIONS: Record<string, string[]> = { svg: ['.svg'], mermaid: ['.mmd', '.mermaid'], md: ['.md', '.markdown'], json: ['.json'] };

export default class Prisma extends LitkitCommand {
  static override description = 'The PRISMA 2020 flow (identified per source, duplicates removed, screened, excluded, sought, not retrieved, assessed, excluded with reasons, included), computed from the project, as an SVG diagram, Mermaid, Markdown or JSON.';

  static override examples = ['<%= config.bin %> prisma --format svg --out prisma.svg', '<%= config.bin %> prisma --format md'];

  static override flags = {
    project: projectFlag,
    format: Flags.string({ description: 'Output format.', options: ['svg', 'mermaid', 'md', 'json'], default: 'md' }),
    out: Flags.string({ char: 'o', description: 'Write to this file (.svg, .mmd, .md or .json, as --format).' }),
    force: forceFlag,
  };

  async run(): Promise<PrismaCounts> {
    const { flags } = await this.parse(Prisma);
    const db = openProject(flags.project);
    try {
      const c = prismaCounts(db);
      const text =
        flags.format === 'svg' ? prismaSvg(c)
        : flags.format === 'mermaid' ? `${prismaMermaid(c)}\n`
        : flags.format === 'json' ? `${JSON.stringify(c, null, 2)}\n`
        : `${markdown(c)}\n`;
      if (flags.out) {
        claimOutput(db, flags.out, EXTENSIONS[flags.format]!, { force: flags.force });
        await writeOutput(db, flags.out, text);
        this.log(`Wrote ${flags.out}`);
      } else if (!this.jsonEnabled()) process.stdout.write(stripControls(text));
      return c;
    } finally {
      db.close();
    }
  }
}

function markdown(c: PrismaCounts): string {
  const rows: [string, string | number][] = [
    ...c.identified.map((s): [string, number] => [`Records identified: ${s.source}`, s.records]),
    ['Records identified (total)', c.identifiedTotal],
    ['Duplicate records removed', c.duplicatesRemoved],
    ['Records screened', c.screened],
    ['Records excluded', c.excludedAtScreening],
    ...(c.awaitingScreening ? [['Records awaiting screening', c.awaitingScreening] as [string, number]] : []),
    ['Reports sought for retrieval', c.soughtForRetrieval],
    ['Reports not retrieved', c.notRetrieved],
    ['Reports assessed for eligibility', c.assessedForEligibility],
    ...c.excludedWithReasons.map((r): [string, number] => [`Reports excluded: ${r.reason}`, r.reports]),
    ['Studies included in review', c.included],
  ];
  return ['| PRISMA 2020 | n |', '| --- | ---: |', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}
