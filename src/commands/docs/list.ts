import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { emitTable, tableFlags } from '../../cli/render.js';
import { failedFiles, listDocuments, type DocumentInfo, type FailedFile } from '../../core/documents/index.js';
import { ocrDocuments, type OcrDocument } from '../../core/ingest/index.js';
import { openProject } from '../../core/store/index.js';
import { columns, type Cell } from '../../core/tables/index.js';

const COLUMNS = columns('id:id', 'title:excerpt', 'year:number', 'format', 'pages:number', 'segments:number', 'status', 'attributes');

function row(d: DocumentInfo): Cell[] {
  const attrs = Object.entries(d.attributes).map(([k, v]) => `${k}=${v}`).join(' ');
  return [d.id, d.title, d.year, d.format, d.pages, d.segments, d.status, attrs];
}

const OCR_COLUMNS = columns('id:id', 'title:excerpt', 'pages:number', 'ocr pages', 'confidence:number', 'lowest');

/** "1-3, 7" from [1, 2, 3, 7]. */
function pageList(pages: number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    runs.push(j > i ? `${pages[i]}-${pages[j]}` : `${pages[i]}`);
    i = j + 1;
  }
  return runs.join(', ');
}

function ocrRow(d: OcrDocument): Cell[] {
  const lowest = d.ocrPages.reduce((a, b) => (b.confidence < a.confidence ? b : a));
  return [d.id, d.title, d.pages, pageList(d.ocrPages.map((p) => p.page)), Math.round(d.confidence), `${Math.round(lowest.confidence)} (p. ${lowest.page})`];
}

export default class DocsList extends LitkitCommand {
  static override description = 'List the documents in the project (or, with --failed, the files that could not be ingested; with --ocr, the documents with pages read by OCR).';

  static override examples = ['<%= config.bin %> docs list', '<%= config.bin %> docs list --format csv > documents.csv', '<%= config.bin %> docs list --out documents.xlsx', '<%= config.bin %> docs list --failed', '<%= config.bin %> docs list --ocr'];

  static override flags = {
    project: projectFlag,
    failed: Flags.boolean({ description: 'List files whose latest ingest failed, with the cause.', exclusive: ['ocr'] }),
    ocr: Flags.boolean({ description: 'List documents with pages read by OCR: which pages, and how sure the recogniser was (mean word confidence, 0-100).' }),
    ...tableFlags,
  };

  async run(): Promise<DocumentInfo[] | FailedFile[] | OcrDocument[]> {
    const { flags } = await this.parse(DocsList);
    const db = openProject(flags.project);
    try {
      if (flags.failed) {
        const failed = failedFiles(db);
        const rows = failed.map((f): Cell[] => [f.path, f.code, f.message]);
        await emitTable(this, db, flags, { title: 'Failed files', columns: columns('path:citation', 'code', 'cause:excerpt'), rows }, { data: failed, empty: 'No failed files.' });
        return failed;
      }
      if (flags.ocr) {
        const docs = ocrDocuments(db);
        await emitTable(this, db, flags, { title: 'Pages read by OCR', columns: OCR_COLUMNS, rows: docs.map(ocrRow) }, { data: docs, empty: 'No pages read by OCR; see `litkit ingest --ocr`.' });
        return docs;
      }
      const docs = listDocuments(db);
      await emitTable(this, db, flags, { title: 'Documents', columns: COLUMNS, rows: docs.map(row) }, { data: docs, empty: 'No documents yet; add some with `litkit ingest PATH`.' });
      return docs;
    } finally {
      db.close();
    }
  }
}
