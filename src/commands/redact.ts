import { Args } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../cli/base.js';
import { documentIds } from '../cli/document-ids.js';
import { namesFlag, redactionLine, redactOptionsFrom } from '../cli/redact-flags.js';
import { addCounts, noCounts, redactDocuments, totalCount, type RedactionCounts, type StoredRedaction } from '../core/privacy/index.js';
import { openProject } from '../core/store/index.js';

export default class Redact extends LitkitCommand {
  static override description = `Mask personal data in stored documents: e-mail addresses, phone numbers, ID-like numbers (staff, index, passport numbers and the redact.patterns setting) and names (--names, the redact.names setting, and speaker labels such as "Maria:" that open two or more turns) become [EMAIL], [PHONE], [ID], [NAME].
Pages, segments, the search index, titles, attributes, and the offsets and evidence of codings and review decisions are rewritten together; the project file is then rebuilt so the old text is not left in it. Prints each document's counts by kind, never the values.`;

  static override examples = ['<%= config.bin %> redact 4 7 --names participants.txt', '<%= config.bin %> redact 4 --json'];

  static override strict = false;

  static override args = { ids: Args.integer({ description: 'Document ids to redact.', required: true }) };

  static override flags = { project: projectFlag, names: namesFlag };

  async run(): Promise<{ documents: StoredRedaction[]; masked: RedactionCounts }> {
    const { argv, flags } = await this.parse(Redact);
    const ids = documentIds(argv as string[]);
    const db = openProject(flags.project);
    try {
      const documents = redactDocuments(db, ids, redactOptionsFrom(db, flags.names));
      for (const d of documents) {
        const what = totalCount(d.counts) ? Object.entries(d.counts).map(([k, n]) => `${n} ${k}`).join(', ') : 'nothing to mask';
        this.log(`Document ${d.id}: ${what} (${d.segments} segments, ${d.codings} codings updated)`);
      }
      this.log(redactionLine(documents.map((d) => ({ documentId: d.id, counts: d.counts, at: '' }))));
      return { documents, masked: documents.reduce((c, d) => addCounts(c, d.counts), noCounts()) };
    } finally {
      db.close();
    }
  }
}
