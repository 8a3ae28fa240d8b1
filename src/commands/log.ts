import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../cli/base.js';
import { openProject, readAuditLog, type AuditEntry } from '../core/store/index.js';

export default class Log extends LitkitCommand {
  static override description = `Show the project's audit log, newest first: who changed what and when. Every command that writes adds a row (cli:<command>, its arguments with free text withheld, and its counts); the library adds rows for single changes (memo.add, coding.add …). The log is append-only: SQLite triggers refuse to change or delete its rows.`;

  static override examples = ['<%= config.bin %> log --limit 20', "<%= config.bin %> log --command 'docs rm' --json"];

  static override flags = {
    project: projectFlag,
    limit: Flags.integer({ description: 'Show at most this many rows (default: all).', min: 1 }),
    command: Flags.string({ description: 'Only rows of this command or action, e.g. "docs rm" or memo.add.' }),
  };

  async run(): Promise<AuditEntry[]> {
    const { flags } = await this.parse(Log);
    const db = openProject(flags.project);
    try {
      const rows = readAuditLog(db, { limit: flags.limit, command: flags.command });
      for (const r of rows) {
        const detail = r.detail === null ? '' : ` ${JSON.stringify(r.detail)}`;
        this.log(`${r.at}  ${r.actor}  ${r.action}${r.target === null ? '' : ` ${r.target}`}${detail}`);
      }
      if (!rows.length) this.log('The audit log is empty.');
      return rows;
    } finally {
      db.close();
    }
  }
}
