import { Args } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../cli/base.js';
import { applySummary } from '../cli/interop-summary.js';
import { merge, type ApplyReport } from '../core/interop/index.js';
import { openProject } from '../core/store/index.js';

export default class Merge extends LitkitCommand {
  static override description = `Merge another coder's work on the same documents into this project: codings and memos from another litkit project or a QDPX file, with their coders.
Documents are matched by SHA-256 or identical text; documents in only one project are listed, exact duplicates skipped, and spans coded here with other codes reported as conflicts. Then compare the coders with \`litkit agreement\`.`;

  static override examples = ['<%= config.bin %> merge ../ben-review', '<%= config.bin %> merge ben.qdpx && <%= config.bin %> agreement --coders amina,ben'];

  static override args = {
    other: Args.string({ description: 'Another litkit project (its folder or database file), or a .qdpx file.', required: true }),
  };

  static override flags = { project: projectFlag };

  async run(): Promise<ApplyReport> {
    const { args, flags } = await this.parse(Merge);
    const db = openProject(flags.project);
    try {
      const r = await merge(db, args.other);
      for (const line of applySummary(r, 'Merged')) this.log(line);
      const theirs = r.coders.find((c) => r.codersNow.includes(c));
      const ours = r.codersNow.find((c) => c !== theirs);
      if (theirs && ours) this.log(`Compare the coders: litkit agreement --coders ${ours},${theirs}`);
      return r;
    } finally {
      db.close();
    }
  }
}
