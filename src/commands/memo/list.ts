import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { memoTarget, memoTargetFlags } from '../../cli/memo-target.js';
import { formatTable } from '../../cli/output.js';
import { listMemos, type Memo } from '../../core/coding/index.js';
import { openProject } from '../../core/store/index.js';

export default class MemoList extends LitkitCommand {
  static override description = 'List memos: all, or those on one code, document, coding, or the project.';

  static override examples = ['<%= config.bin %> memo list', '<%= config.bin %> memo list --code racism.structural --json'];

  static override flags = { project: projectFlag, ...memoTargetFlags };

  async run(): Promise<Memo[]> {
    const { flags } = await this.parse(MemoList);
    const db = openProject(flags.project);
    try {
      const memos = listMemos(db, memoTarget(flags));
      this.log(memos.length ? formatTable(['id', 'on', 'author', 'memo'], memos.map((m) => [m.id, m.target, m.author, m.text]), 80) : 'No memos.');
      return memos;
    } finally {
      db.close();
    }
  }
}
