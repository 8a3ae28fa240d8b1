import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { citeDocument, getDocument, getPage, pageLengths, type DocumentInfo } from '../../core/documents/index.js';
import { openProject } from '../../core/store/index.js';

export default class DocsShow extends LitkitCommand {
  static override description = "Show a document's metadata and attributes, or the stored text of one page.";

  static override examples = ['<%= config.bin %> docs show 3', '<%= config.bin %> docs show 3 --page 2'];

  static override args = {
    id: Args.integer({ description: 'Document id (see `litkit docs list`).', required: true }),
  };

  static override flags = {
    project: projectFlag,
    page: Flags.integer({ description: 'Print the stored text of this page.', min: 1 }),
  };

  async run(): Promise<DocumentInfo & { page?: { number: number; text: string } }> {
    const { args, flags } = await this.parse(DocsShow);
    const db = openProject(flags.project);
    try {
      const doc = getDocument(db, args.id);
      if (flags.page) {
        const text = getPage(db, args.id, flags.page);
        this.log(`${citeDocument(doc)}, p. ${flags.page} of ${doc.pages}\n\n${text}`);
        return { ...doc, page: { number: flags.page, text } };
      }
      const fields: [string, unknown][] = [
        ['id', doc.id], ['title', doc.title], ['authors', doc.authors], ['year', doc.year], ['format', doc.format],
        ['pages', doc.pages], ['segments', doc.segments], ['status', doc.status], ['note', doc.note],
        ['engine', doc.engine], ['source', doc.sourcePath], ['bytes', doc.bytes], ['sha256', doc.sha256], ['added', doc.addedAt],
      ];
      for (const [k, v] of Object.entries(doc.attributes)) fields.push([`attr ${k}`, v]);
      this.log(fields.filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `${k.padEnd(10)} ${v}`).join('\n'));
      const lengths = pageLengths(db, args.id);
      this.log(`pages      ${lengths.map((p) => `${p.page}:${p.chars}`).join(' ')} (characters per page)`);
      return doc;
    } finally {
      db.close();
    }
  }
}
