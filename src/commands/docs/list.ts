import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { emitTable, tableFlags } from '../../cli/render.js';
import { listDocuments, type DocumentInfo } from '../../core/documents/index.js';
import { failedFiles, type FailedFile } from '../../core/ingest/index.js';
import { openProject } from '../../core/store/index.js';
import { columns, type Cell } from '../../core/tables/index.js';

const COLUMNS = columns('id:id', 'title:excerpt', 'year:number', 'format', 'pages:number', 'segments:number', 'status', 'attributes');

function row(d: DocumentInfo): Cell[] {
  const attrs = Object.entries(d.attributes).map(([k, v]) => `${k}=${v}`).join(' ');
  return [d.id, d.title, d.year, d.format, d.pages, d.segments, d.status, attrs];
}

export default class DocsList extends LitkitCommand {
  static override description = 'List the documents in the project (or, with --failed, the files that could not be ingested).';

  static override examples = ['<%= config.bin %> docs list', '<%= config.bin %> docs list --format csv > documents.csv', '<%= config.bin %> docs list --out documents.xlsx', '<%= config.bin %> docs list --failed'];

  static override flags = {
    project: projectFlag,
    failed: Flags.boolean({ description: 'List files whose latest ingest failed, with the cause.' }),
    ...tableFlags,
  };

  async run(): Promise<DocumentInfo[] | FailedFile[]> {
    const { flags } = await this.parse(DocsList);
    const db = openProject(flags.project);
    try {
      if (flags.failed) {
        const failed = failedFiles(db);
        const rows = failed.map((f): Cell[] => [f.path, f.code, f.message]);
        await emitTable(this, db, flags, { title: 'Failed files', columns: columns('path:citation', 'code', 'cause:excerpt'), rows }, { data: failed, empty: 'No failed files.' });
        return failed;
      }
      const docs = listDocuments(db);
      await emitTable(this, db, flags, { title: 'Documents', columns: COLUMNS, rows: docs.map(row) }, { data: docs, empty: 'No documents yet; add some with `litkit ingest PATH`.' });
      return docs;
    } finally {
      db.close();
    }
  }
}
