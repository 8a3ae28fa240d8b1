import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { memoTarget, memoTargetFlags } from '../../cli/memo-target.js';
import { addMemo, type Memo } from '../../core/coding/index.js';
import { currentCoder } from '../../core/store/settings.js';
import { openProject } from '../../core/store/index.js';

export default class MemoAdd extends LitkitCommand {
  static override description = 'Write a memo on a code, a document, a coding, or the project.';

  static override examples = [
    '<%= config.bin %> memo add --code racism.structural "Sources use structural and institutional interchangeably."',
    '<%= config.bin %> memo add --doc 9 "Policy predates the 2021 review."',
  ];

  static override args = { text: Args.string({ description: 'The memo.', required: true }) };

  static override flags = { project: projectFlag, ...memoTargetFlags, author: Flags.string({ description: 'Author (default: the current coder).' }) };

  async run(): Promise<Memo> {
    const { args, flags } = await this.parse(MemoAdd);
    const db = openProject(flags.project);
    try {
      const memo = addMemo(db, memoTarget(flags) ?? { kind: 'project' }, currentCoder(db, flags.author), args.text);
      this.log(`Memo #${memo.id} on ${memo.target} by ${memo.author}`);
      return memo;
    } finally {
      db.close();
    }
  }
}
