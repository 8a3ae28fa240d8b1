import path from 'node:path';
import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { forceFlag } from '../../cli/render.js';
import { claimOutput, writeOutput } from '../../core/render/outputs.js';
import { exportRecords, RECORD_FORMATS, RECORD_SELECTIONS, type RecordExportFormat, type RecordSelection } from '../../core/interop/index.js';
import { openProject } from '../../core/store/index.js';

const BY_EXTENSION: Record<string, RecordExportFormat> = { '.ris': 'ris', '.bib': 'bibtex', '.bibtex': 'bibtex', '.csv': 'csv' };
const EXTENSIONS: Record<RecordExportFormat, string[]> = { ris: ['.ris'], bibtex: ['.bib', '.bibtex'], csv: ['.csv'] };

export default class RecordsExport extends LitkitCommand {
  static override description = `Export bibliographic records as RIS (Zotero, EndNote, Mendeley), BibTeX or CSV: all of them, those not marked duplicates, or those screening included or excluded.
CSV has one row per record with authors and keywords separated by "; " and the screening decisions.`;

  static override examples = ['<%= config.bin %> records export --select included --out included.ris', '<%= config.bin %> records export --format bibtex > records.bib', '<%= config.bin %> records export --select unique --out records.csv'];

  static override flags = {
    project: projectFlag,
    format: Flags.string({ description: 'Output format (default: from --out, else ris).', options: [...RECORD_FORMATS] }),
    select: Flags.string({ description: 'Which records: all; unique (not duplicates); included or excluded (at the furthest stage screened).', options: [...RECORD_SELECTIONS], default: 'all' }),
    out: Flags.string({ char: 'o', description: 'Write to this file (.ris, .bib, .csv) instead of the terminal.' }),
    force: forceFlag,
  };

  async run(): Promise<{ format: RecordExportFormat; records: number; out: string | null }> {
    const { flags } = await this.parse(RecordsExport);
    const format = (flags.format ?? BY_EXTENSION[path.extname(flags.out ?? '').toLowerCase()] ?? 'ris') as RecordExportFormat;
    const db = openProject(flags.project);
    try {
      const r = exportRecords(db, format, flags.select as RecordSelection);
      if (flags.out) {
        claimOutput(db, flags.out, EXTENSIONS[format], { force: flags.force });
        await writeOutput(db, flags.out, r.text);
        this.logToStderr(`Wrote ${r.records} records to ${flags.out} (${format})`);
      } else if (!this.jsonEnabled()) process.stdout.write(r.text);
      return { format, records: r.records, out: flags.out ?? null };
    } finally {
      db.close();
    }
  }
}
