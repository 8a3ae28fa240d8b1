import { Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../cli/base.js';
import { terminalWidth } from '../cli/render.js';
import { projectStatus, type ProjectStatus } from '../core/status/index.js';
import { openProject } from '../core/store/index.js';
import { columns, toTerminal } from '../core/tables/index.js';

const list = (counts: Record<string, number>) => Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ') || 'none';

export default class Status extends LitkitCommand {
  static override description = 'Where the review stands: documents by status and format (failed files with their causes), pages without text, segments, coding coverage per code, screening progress per stage with conflicts, and what each report template still lacks.';

  static override examples = ['<%= config.bin %> status', '<%= config.bin %> status --json', '<%= config.bin %> status --templates my-templates'];

  static override flags = {
    project: projectFlag,
    templates: Flags.string({ description: 'A folder of your templates to check too (repeatable).', multiple: true }),
  };

  async run(): Promise<ProjectStatus> {
    const { flags } = await this.parse(Status);
    const db = openProject(flags.project);
    try {
      const s = projectStatus(db, { templateDirs: flags.templates });
      if (!this.jsonEnabled()) this.log(statusText(s));
      return s;
    } finally {
      db.close();
    }
  }
}

function statusText(s: ProjectStatus): string {
  const d = s.documents;
  const out: string[] = [`Project ${s.project}`, '', `Documents: ${d.total} (${list(d.byStatus)}; ${list(d.byFormat)})`];
  out.push(`Pages: ${d.pages}, ${d.pagesWithoutText} without text; segments: ${d.segments}`);
  for (const n of d.noText) out.push(`  no text: #${n.id} ${n.title}: ${n.cause ?? 'no text found'}`);
  if (d.failed.length) out.push(`Failed files: ${d.failed.length}`);
  for (const f of d.failed) out.push(`  ${f.path}: ${f.message} (${f.code})`);
  out.push('');
  if (!s.frameworks.length) out.push('Frameworks: none loaded');
  for (const f of s.frameworks) out.push(`Framework ${f.id} version ${f.version}: ${f.codedCodes} of ${f.codes} codes coded`);
  if (s.coverage.length) {
    const rows = s.coverage.map((c) => [c.code, c.auto, c.accepted, c.rejected, c.manual, c.documents]);
    out.push(toTerminal({ columns: columns('code:key', 'auto (unreviewed):number', 'accepted:number', 'rejected:number', 'manual:number', 'documents:number'), rows }, terminalWidth()));
  }
  out.push('');
  const sc = s.screening;
  out.push(`Records: ${sc.records} (${sc.duplicates} duplicates)`);
  if (sc.records) {
    for (const p of sc.stages) {
      out.push(`  ${p.stage}: ${p.records} records: ${p.include} included, ${p.exclude} excluded, ${p.maybe} maybe, ${p.conflicts} conflicts, ${p.awaitingReviewer} awaiting a reviewer, ${p.undecided} undecided, ${p.notStarted} not screened`);
    }
  }
  out.push('', 'Report templates:');
  for (const t of s.templates) out.push(`  ${t.name}: ${t.lacks.length ? `needs ${t.lacks.join('; ')}` : 'ready'}`);
  return out.join('\n');
}
