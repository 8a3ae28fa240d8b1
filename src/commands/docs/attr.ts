import { Args } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { citeDocument, getDocument, setAttributes, type DocumentInfo } from '../../core/documents/index.js';
import { parseAttributes } from '../../core/ingest/index.js';
import { openProject } from '../../core/store/index.js';
import { UsageError } from '../../errors.js';

export default class DocsAttr extends LitkitCommand {
  static override description =
    'Set attributes of stored documents (key=value; key= removes one). title, authors, year, type and the source attributes (journal, book, site, volume, issue, pages, number, publisher, genre, doi, url) build the APA reference; a name in braces in authors is kept whole.';

  static override examples = [
    '<%= config.bin %> docs attr 3 type=policy country=Kenya',
    '<%= config.bin %> docs attr 3 4 5 type=transcript',
    '<%= config.bin %> docs attr 7 year=2019 country=',
    '<%= config.bin %> docs attr 9 authors="{UN Today}; Smith, J." type=news journal="UN Today" doi=10.1234/abc',
  ];

  static override strict = false;

  static override args = { ids: Args.string({ description: 'Document ids, then key=value pairs.', required: true }) };

  static override flags = { project: projectFlag };

  async run(): Promise<DocumentInfo[]> {
    const { argv, flags } = await this.parse(DocsAttr);
    const words = argv as string[];
    const ids = words.filter((w) => /^\d+$/.test(w)).map(Number);
    const pairs = words.filter((w) => !/^\d+$/.test(w));
    if (!ids.length || !pairs.length) throw new UsageError('E_USAGE', 'give document ids and key=value pairs, e.g. `litkit docs attr 3 type=policy`');
    const db = openProject(flags.project);
    try {
      setAttributes(db, ids, parseAttributes(pairs));
      const docs = ids.map((id) => getDocument(db, id));
      for (const d of docs) this.log(`${d.id}: ${citeDocument(d)} ${Object.entries(d.attributes).map(([k, v]) => `${k}=${v}`).join(' ')}`);
      return docs;
    } finally {
      db.close();
    }
  }
}
