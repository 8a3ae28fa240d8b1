import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../../cli/base.js';
import { forceFlag } from '../../cli/render.js';
import { claimOutput, writeOutputWith } from '../../core/render/outputs.js';
import { ChunkedWriter, exportJsonl, type JsonlReport } from '../../core/interop/index.js';
import { openProject } from '../../core/store/index.js';

export default class ExportJsonl extends LitkitCommand {
  static override description = `Export the whole project as JSON Lines for scripts: one object per line with a "type" (project, framework, code, document, page, segment, coding, memo, record, screening, extraction).
Offsets are UTF-16 indexes into the page text, as stored; each coding carries its excerpt.`;

  static override examples = ['<%= config.bin %> export jsonl --out project.jsonl', "<%= config.bin %> export jsonl --where 'doc.type = policy' | jq 'select(.type == \"coding\")'"];

  static override flags = {
    project: projectFlag,
    out: Flags.string({ char: 'o', description: 'Write to this file instead of standard output.' }),
    where: Flags.string({ char: 'w', description: 'Only documents with a segment this query selects, and what belongs to them.' }),
    force: forceFlag,
  };

  async run(): Promise<JsonlReport & { out: string | null }> {
    const { flags } = await this.parse(ExportJsonl);
    const db = openProject(flags.project);
    try {
      let report: JsonlReport;
      if (flags.out) {
        claimOutput(db, flags.out, ['.jsonl', '.ndjson'], { force: flags.force });
        await writeOutputWith(db, flags.out, (partial) => {
          const w = new ChunkedWriter(partial);
          try {
            report = exportJsonl(db, (line) => w.write(line), { where: flags.where });
          } finally {
            w.close();
          }
        });
        this.logToStderr(`Wrote ${report!.lines} lines to ${flags.out}: ${Object.entries(report!.counts).map(([k, n]) => `${n} ${k}`).join(', ')}`);
      } else {
        // With --json the lines would break the JSON envelope; count only.
        const json = this.jsonEnabled();
        let buffer = '';
        report = exportJsonl(db, (line) => {
          if (json) return;
          buffer += line;
          if (buffer.length > 1 << 16) {
            process.stdout.write(buffer);
            buffer = '';
          }
        }, { where: flags.where });
        if (buffer) process.stdout.write(buffer);
      }
      return { ...report!, out: flags.out ?? null };
    } finally {
      db.close();
    }
  }
}
