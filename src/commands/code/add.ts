import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { addCoding, type CodingInfo, type CodingTarget } from '../../core/coding/index.js';
import { currentCoder } from '../../core/store/settings.js';
import { openProject } from '../../core/store/index.js';
import { UsageError } from '../../errors.js';

export default class CodeAdd extends LitkitCommand {
  static override description = `Code an excerpt by hand: a quote found in a document's text (spaces, line breaks and case need not match), a whole segment, or a character range of a page.`;

  static override examples = [
    '<%= config.bin %> code add employment.promotion --doc 9 --quote "promoted more slowly"',
    '<%= config.bin %> code add racism.interpersonal --segment 298 --coder amina',
    '<%= config.bin %> code add race --doc 3 --page 2 --range 120:310',
  ];

  static override args = {
    code: Args.string({ description: 'Code id (see `litkit framework show`).', required: true }),
  };

  static override flags = {
    project: projectFlag,
    doc: Flags.integer({ char: 'd', description: 'Document id.' }),
    quote: Flags.string({ char: 'q', description: 'Text to find in the document.', dependsOn: ['doc'], exclusive: ['segment', 'range'] }),
    page: Flags.integer({ description: 'Page to look on (for --quote) or of the range (for --range).', min: 1 }),
    segment: Flags.integer({ char: 's', description: 'Code this whole segment.', exclusive: ['quote', 'range', 'doc'] }),
    range: Flags.string({ description: 'START:END character offsets into the page text.', dependsOn: ['doc', 'page'], exclusive: ['quote', 'segment'] }),
    coder: Flags.string({ char: 'c', description: 'Who codes (default: LITKIT_CODER, else `litkit config set coder`, else your login name).' }),
  };

  async run(): Promise<CodingInfo> {
    const { args, flags } = await this.parse(CodeAdd);
    const target = this.target(flags);
    const db = openProject(flags.project);
    try {
      const coding = addCoding(db, args.code, target, currentCoder(db, flags.coder));
      this.log(`Coded #${coding.id} ${coding.code} by ${coding.coder}: ${coding.citation}\n  "${coding.excerpt.replace(/\s+/g, ' ')}"`);
      return coding;
    } finally {
      db.close();
    }
  }

  private target(flags: { doc?: number; quote?: string; page?: number; segment?: number; range?: string }): CodingTarget {
    if (flags.segment !== undefined) return { segmentId: flags.segment };
    if (flags.quote !== undefined) return { quote: flags.quote, documentId: flags.doc!, page: flags.page };
    const m = flags.range ? /^(\d+):(\d+)$/.exec(flags.range) : null;
    if (m) return { documentId: flags.doc!, page: flags.page!, start: Number(m[1]), end: Number(m[2]) };
    if (flags.range) throw new UsageError('E_USAGE', `--range takes START:END, got "${flags.range}"`);
    throw new UsageError('E_USAGE', 'say what to code: --doc ID --quote TEXT, --segment ID, or --doc ID --page N --range START:END');
  }
}
