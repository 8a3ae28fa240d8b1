import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { importRecords, RECORD_FORMATS, type ImportResult, type RecordFormat } from '../../core/review/index.js';
import { openProject } from '../../core/store/index.js';
import { stripControls } from '../../core/render/escape.js';

export default class RecordsImport extends LitkitCommand {
  static override description = `Import bibliographic records from a database export: RIS (Scopus, Ovid, Embase, PubMed via Zotero, Web of Science), MEDLINE/nbib and PubMed XML (PubMed), EndNote XML, Web of Science plain text (.txt, .ciw), BibTeX, Covidence and Rayyan CSV, other CSV or TSV (columns found by name); the format is told by content. Each import is a source for PRISMA's identification counts. Malformed records are reported with file and line and skipped (exit 3); the rest import.`;

  static override examples = ['<%= config.bin %> records import scopus.ris --source Scopus', '<%= config.bin %> records import hits.csv --source "Google Scholar" --title-column Title', '<%= config.bin %> records import savedrecs.txt --source "Web of Science"'];

  static override args = { file: Args.string({ description: 'The export file.', required: true }) };

  static override flags = {
    project: projectFlag,
    source: Flags.string({ char: 's', description: 'The database the records come from.', required: true }),
    format: Flags.string({ description: 'Format (default: from the extension or content).', options: [...RECORD_FORMATS] }),
    'title-column': Flags.string({ description: 'CSV column holding titles.' }),
    'abstract-column': Flags.string({ description: 'CSV column holding abstracts.' }),
    'authors-column': Flags.string({ description: 'CSV column holding authors.' }),
    'year-column': Flags.string({ description: 'CSV column holding years.' }),
    'doi-column': Flags.string({ description: 'CSV column holding DOIs.' }),
  };

  async run(): Promise<ImportResult> {
    const { args, flags } = await this.parse(RecordsImport);
    const db = openProject(flags.project);
    try {
      const r = await importRecords(db, args.file, {
        source: flags.source,
        format: flags.format as RecordFormat | undefined,
        columns: { title: flags['title-column'], abstract: flags['abstract-column'], authors: flags['authors-column'], year: flags['year-column'], doi: flags['doi-column'] },
      });
      if (r.alreadyImportedAs !== undefined) {
        this.log(`Skipped ${args.file}: the same export was imported before as source "${r.alreadyImportedAs}"; no records added`);
        return r;
      }
      for (const p of r.problems) process.stderr.write(stripControls(`litkit: ${args.file}:${p.line}: ${p.message} (E_RECORD)\n`));
      this.log(`Imported ${r.imported} records from ${args.file} (${r.format}) as source "${r.name}"${r.problems.length ? `; ${r.problems.length} skipped` : ''}`);
      if (r.problems.length) process.exitCode = 3;
      return r;
    } finally {
      db.close();
    }
  }
}
