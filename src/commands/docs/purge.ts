import fs from 'node:fs';
import { Args } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { purgeDocuments, type Removed } from '../../core/documents/index.js';
import { openProject } from '../../core/store/index.js';
import { documentIds } from '../../cli/document-ids.js';

export default class DocsPurge extends LitkitCommand {
  static override description = `Erase documents: remove them and everything derived from them (pages, segments, index entries, attributes, codings, review decisions, memos on them and their codings, record links, their ingest-log lines), then rebuild the project file so that none of their text remains in it.
The audit log keeps that a purge happened, without the documents' text. Copies made before (backups, <project>.bak from an upgrade, exports) are not touched.`;

  static override examples = ['<%= config.bin %> docs purge 12', '<%= config.bin %> docs purge 12 13 --json'];

  static override strict = false;

  static override args = { ids: Args.integer({ description: 'Document ids to erase.', required: true }) };

  static override flags = { project: projectFlag };

  async run(): Promise<{ purged: Removed[] }> {
    const { argv, flags } = await this.parse(DocsPurge);
    const db = openProject(flags.project);
    try {
      const purged = purgeDocuments(db, documentIds(argv as string[]));
      for (const r of purged) this.log(`Purged document ${r.id}: ${r.segments} segments, ${r.codings} codings, ${r.memos} memos`);
      // The copy an upgrade made still holds the text: say so, since erasing is why one purges.
      const backup = `${db.file}.bak`;
      if (purged.length && fs.existsSync(backup)) {
        this.logToStderr(`litkit: ${backup}: the copy made before the last upgrade still holds the purged documents; delete it once the project works (W_BACKUP)`);
      }
      return { purged };
    } finally {
      db.close();
    }
  }
}
