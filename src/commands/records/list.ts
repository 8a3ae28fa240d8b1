import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { renderTable, tableFlags } from '../../cli/render.js';
import { openProject } from '../../core/store/index.js';

interface Row {
  id: number;
  source: string;
  title: string;
  year: number | null;
  doi: string | null;
  duplicate_of: number | null;
  decision: string | null;
}

export default class RecordsList extends LitkitCommand {
  static override description = 'List imported records with their source, duplicate mark and title-abstract decisions.';

  static override examples = ['<%= config.bin %> records list', '<%= config.bin %> records list --out records.xlsx'];

  static override flags = { project: projectFlag, ...tableFlags };

  async run(): Promise<Row[]> {
    const { flags } = await this.parse(RecordsList);
    const db = openProject(flags.project);
    try {
      const rows = db.sql
        .prepare(`SELECT r.id, s.name AS source, r.title, r.year, r.doi, r.duplicate_of,
            (SELECT group_concat(reviewer || ':' || decision, ' ') FROM screening x WHERE x.record_id = r.id AND x.stage = 'title-abstract') AS decision
          FROM records r JOIN record_sources s ON s.id = r.source_id ORDER BY r.id`)
        .all() as Row[];
      const text = await renderTable(db, flags, { title: 'Records', header: ['id', 'source', 'year', 'duplicate of', 'decisions', 'title'], rows: rows.map((r) => [r.id, r.source, r.year, r.duplicate_of, r.decision, r.title]) }, rows, 70);
      if (text !== undefined) this.log(text);
      return rows;
    } finally {
      db.close();
    }
  }
}
