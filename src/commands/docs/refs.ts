import { Args } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { documentReferences, type DocumentReference } from '../../core/render/index.js';
import { openProject } from '../../core/store/index.js';
import { UsageError } from '../../errors.js';

export default class DocsRefs extends LitkitCommand {
  static override description =
    'Print the APA 7 reference and the author–date citation of documents, as reports print them (fix them with docs attr: authors, title, year, type, journal, doi, url …).';

  static override examples = ['<%= config.bin %> docs refs', '<%= config.bin %> docs refs 3 7', '<%= config.bin %> docs refs --json'];

  static override strict = false;

  static override args = { ids: Args.string({ description: 'Document ids (default: all).' }) };

  static override flags = { project: projectFlag };

  async run(): Promise<DocumentReference[]> {
    const { argv, flags } = await this.parse(DocsRefs);
    const words = argv as string[];
    const bad = words.find((w) => !/^\d+$/.test(w));
    if (bad) throw new UsageError('E_USAGE', `document ids are numbers, got "${bad}" (see \`litkit docs list\`)`);
    const db = openProject(flags.project);
    try {
      const refs = await documentReferences(db, words.map(Number));
      for (const r of refs) this.log(`${r.id}: ${r.reference}\n   ${r.citation}`);
      if (!refs.length) this.log('No documents yet; add some with `litkit ingest PATH`.');
      return refs;
    } finally {
      db.close();
    }
  }
}
