import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { memoTarget, memoTargetFlags } from '../../cli/memo-target.js';
import { emitTable, tableFlags } from '../../cli/render.js';
import { listMemos, type Memo } from '../../core/coding/index.js';
import { openProject } from '../../core/store/index.js';
import { columns } from '../../core/tables/index.js';

export default class MemoList extends LitkitCommand {
  static override description = 'List memos: all, or those on one code, document, coding, or the project.';

  static override examples = ['<%= config.bin %> memo list', '<%= config.bin %> memo list --code racism.structural --json', '<%= config.bin %> memo list --out memos.docx'];

  static override flags = { project: projectFlag, ...memoTargetFlags, ...tableFlags };

  async run(): Promise<Memo[]> {
    const { flags } = await this.parse(MemoList);
    const db = openProject(flags.project);
    try {
      const memos = listMemos(db, memoTarget(flags));
      await emitTable(this, db, flags, { title: 'Memos', columns: columns('id:id', 'on:citation', 'author', 'memo:excerpt'), rows: memos.map((m) => [m.id, m.target, m.author, m.text]) }, { data: memos, empty: 'No memos.' });
      return memos;
    } finally {
      db.close();
    }
  }
}
