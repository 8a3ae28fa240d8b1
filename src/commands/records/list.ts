import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { emitTable, tableFlags } from '../../cli/render.js';
import { listRecords, type RecordListing } from '../../core/review/index.js';
import { openProject } from '../../core/store/index.js';
import { columns } from '../../core/tables/index.js';

export default class RecordsList extends LitkitCommand {
  static override description = 'List imported records with their source, duplicate mark and title-abstract decisions.';

  static override examples = ['<%= config.bin %> records list', '<%= config.bin %> records list --out records.xlsx', '<%= config.bin %> records list --format csv > records.csv'];

  static override flags = { project: projectFlag, ...tableFlags };

  async run(): Promise<RecordListing[]> {
    const { flags } = await this.parse(RecordsList);
    const db = openProject(flags.project);
    try {
      const rows = listRecords(db);
      const cols = columns('id:id', 'source', 'year:number', 'duplicate of:id', 'decisions', 'title:excerpt', { label: 'doi', kind: 'text', detail: true });
      await emitTable(this, db, flags, { title: 'Records', columns: cols, rows: rows.map((r) => [r.id, r.source, r.year, r.duplicate_of, r.decision, r.title, r.doi]) }, { data: rows, empty: 'No records yet; import some with `litkit records import FILE`.' });
      return rows;
    } finally {
      db.close();
    }
  }
}
