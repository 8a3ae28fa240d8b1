import { Args } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { documentIds } from '../../cli/document-ids.js';
import { LitkitError } from '../../errors.js';
import { removeDocument, type Removed } from '../../core/documents/index.js';
import { openProject } from '../../core/store/index.js';

export default class DocsRm extends LitkitCommand {
  static override description = `Remove documents and everything derived from them (pages, segments, index entries, attributes, codings, memos on them and their codings).
Ids that do not exist are reported and the others are still removed (exit 2). To erase a document's text from the project file as well, use docs purge.`;

  static override examples = ['<%= config.bin %> docs rm 3', '<%= config.bin %> docs rm 3 4 5'];

  static override strict = false;

  static override args = {
    ids: Args.integer({ description: 'Document ids to remove.', required: true }),
  };

  static override flags = { project: projectFlag };

  async run(): Promise<{ removed: Removed[]; missing: { id: number; message: string }[] }> {
    const { argv, flags } = await this.parse(DocsRm);
    const ids = documentIds(argv as string[]);
    const db = openProject(flags.project);
    try {
      const removed: Removed[] = [];
      const missing: { id: number; message: string }[] = [];
      for (const id of ids) {
        try {
          removed.push(removeDocument(db, id));
        } catch (err) {
          if (!(err instanceof LitkitError) || err.code !== 'E_NO_DOCUMENT') throw err;
          missing.push({ id, message: err.message });
          process.exitCode = err.exitCode;
        }
      }
      for (const r of removed) this.log(`Removed document ${r.id}: ${r.title} (${r.segments} segments, ${r.codings} codings, ${r.memos} memos)`);
      if (!this.jsonEnabled()) for (const m of missing) this.logToStderr(`litkit: ${m.message} (E_NO_DOCUMENT)`);
      return { removed, missing };
    } finally {
      db.close();
    }
  }
}
