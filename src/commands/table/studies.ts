import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { emitTable, tableFlags } from '../../cli/render.js';
import { includedStudies, type StudyRow } from '../../core/review/index.js';
import { columns } from '../../core/tables/index.js';
import { openProject } from '../../core/store/index.js';

export default class TableStudies extends LitkitCommand {
  static override description = 'The systematic-review table of included studies (full-text includes) with their extracted data; md, csv, json, xlsx or docx.';

  static override examples = ['<%= config.bin %> table studies --format md', '<%= config.bin %> table studies --out studies.xlsx'];

  static override flags = { project: projectFlag, ...tableFlags };

  async run(): Promise<StudyRow[]> {
    const { flags } = await this.parse(TableStudies);
    const db = openProject(flags.project);
    try {
      const { form, studies } = includedStudies(db);
      const cols = columns('study:citation', ...form.fields.map((f) => f.label));
      const rows = studies.map((s) => [s.citation, ...form.fields.map((f) => s.values[f.id])]);
      await emitTable(this, db, flags, { title: 'Included studies', columns: cols, rows }, { data: studies, empty: 'No included studies yet (full-text includes).' });
      return studies;
    } finally {
      db.close();
    }
  }
}
