import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { formatCsv, formatTable, type Cell } from '../../cli/output.js';
import { listDocuments, type DocumentInfo } from '../../core/documents/index.js';
import { failedFiles, type FailedFile } from '../../core/ingest/index.js';
import { openProject } from '../../core/store/index.js';

const HEADER = ['id', 'title', 'year', 'format', 'pages', 'segments', 'status', 'attributes'];

function row(d: DocumentInfo): Cell[] {
  const attrs = Object.entries(d.attributes).map(([k, v]) => `${k}=${v}`).join(' ');
  return [d.id, d.title, d.year, d.format, d.pages, d.segments, d.status, attrs];
}

export default class DocsList extends LitkitCommand {
  static override description = 'List the documents in the project (or, with --failed, the files that could not be ingested).';

  static override examples = ['<%= config.bin %> docs list', '<%= config.bin %> docs list --csv > documents.csv', '<%= config.bin %> docs list --failed'];

  static override flags = {
    project: projectFlag,
    csv: Flags.boolean({ description: 'Print CSV instead of a table.', exclusive: ['json'] }),
    failed: Flags.boolean({ description: 'List files whose latest ingest failed, with the cause.' }),
  };

  async run(): Promise<DocumentInfo[] | FailedFile[]> {
    const { flags } = await this.parse(DocsList);
    const db = openProject(flags.project);
    try {
      if (flags.failed) {
        const failed = failedFiles(db);
        const rows = failed.map((f): Cell[] => [f.path, f.code, f.message]);
        this.log(flags.csv ? formatCsv(['path', 'code', 'cause'], rows) : failed.length ? formatTable(['path', 'code', 'cause'], rows, 80) : 'No failed files.');
        return failed;
      }
      const docs = listDocuments(db);
      if (flags.csv) this.log(formatCsv(HEADER, docs.map(row)));
      else if (docs.length === 0) this.log('No documents yet; add some with `litkit ingest PATH`.');
      else this.log(formatTable(HEADER, docs.map(row)));
      return docs;
    } finally {
      db.close();
    }
  }
}
