import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { decisionLine } from '../../cli/coding-review.js';
import { CODING_DECISIONS, decideCoding, type CodingDecision, type DecisionInfo } from '../../core/coding/index.js';
import { openProject } from '../../core/store/index.js';
import { currentCoder } from '../../core/store/settings.js';

export default class CodeDecide extends LitkitCommand {
  static override description = `Accept, reject or recode one auto or suggested coding, for scripts (\`litkit code review\` does the same interactively).
A recode rejects the coding and codes the same words with NEW_CODE as the reviewer. Decisions survive re-running \`code auto\`.`;

  static override examples = [
    '<%= config.bin %> code decide 812 accept --coder amina',
    '<%= config.bin %> code decide 813 recode employment.selection',
  ];

  static override args = {
    coding: Args.integer({ description: 'Coding id (see `litkit code list --status unreviewed`).', required: true }),
    decision: Args.string({ description: 'What to do with it.', options: [...CODING_DECISIONS], required: true }),
    code: Args.string({ description: 'For recode: the code it should have had.' }),
  };

  static override flags = {
    project: projectFlag,
    coder: Flags.string({ char: 'c', description: 'Who decides (default: LITKIT_CODER, else `litkit config set coder`, else your login name).' }),
  };

  async run(): Promise<DecisionInfo> {
    const { args, flags } = await this.parse(CodeDecide);
    const db = openProject(flags.project);
    try {
      const d = decideCoding(db, args.coding, args.decision as CodingDecision, { coder: currentCoder(db, flags.coder), recodeTo: args.code });
      this.log(decisionLine(d));
      return d;
    } finally {
      db.close();
    }
  }
}
