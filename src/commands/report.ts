import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../cli/base.js';
import { forceFlag } from '../cli/render.js';
import { evidenceFlags } from '../cli/evidence-flags.js';
import { reportData, writeReport, type ReportModel, type ReportResult } from '../core/render/index.js';
import { openProject } from '../core/store/index.js';
import { UsageError } from '../errors.js';

export default class Report extends LitkitCommand {
  static override description = `Write a report from a template: a skeleton already filled with what the project knows (counts, definitions, tables, the strongest quotes with page citations, the documents reviewed and an APA bibliography), as Word (.docx), Markdown (.md) or HTML (.html).
Bundled templates: desk-review, assessment-report, concept-note, inception-report, evidence-table. --tor DOC reads a terms of reference in the project into the plan (inception-report, assessment-report, concept-note). Your own: a Handlebars NAME.md.hbs in the project's templates/ folder or a --templates folder, used by name (partials: _NAME.md.hbs beside it). --data prints the data model templates see.`;

  static override examples = [
    '<%= config.bin %> report desk-review --out report.docx',
    '<%= config.bin %> report desk-review --out report.md --title "External review of racial equity"',
    '<%= config.bin %> report my-template --out draft.html',
    '<%= config.bin %> report desk-review --data > model.json',
    "<%= config.bin %> report desk-review --out report.docx --where 'NOT doc.type in (vacancy)'",
    '<%= config.bin %> report inception-report --tor 3 --out inception.docx',
    '<%= config.bin %> report assessment-report --tor 3 --client "IOM Protection Division" --out assessment.docx',
  ];

  static override args = { template: Args.string({ description: 'Template name or file.', required: true }) };

  static override flags = {
    project: projectFlag,
    out: Flags.string({ char: 'o', description: 'File to write: .docx, .md or .html.' }),
    title: Flags.string({ description: 'Report title.' }),
    framework: Flags.string({ char: 'f', description: 'Framework whose codes the report follows (default: the first loaded).' }),
    quotes: Flags.integer({ description: 'Quotes per code.', default: 3, min: 0 }),
    templates: Flags.string({ description: 'A folder your templates may live in (repeatable).', multiple: true }),
    data: Flags.boolean({ description: 'Print the data model as JSON instead of writing a report.' }),
    term: Flags.string({ description: 'A term whose definitions the report maps across sources (repeatable; default: the framework\'s key terms).', multiple: true }),
    force: forceFlag,
    ...evidenceFlags,
    tor: Flags.integer({ description: 'Id of the document holding the terms of reference: its objectives, questions, activities, deliverables and duration go into the plan.', min: 1 }),
    client: Flags.string({ description: 'Who the report is for, on the Word title page (default: the organisation the ToR names).' }),
  };

  async run(): Promise<ReportResult | ReportModel> {
    const { args, flags } = await this.parse(Report);
    if (!flags.out && !flags.data) throw new UsageError('E_USAGE', 'give --out FILE.docx (or .md, .html), or --data to see the data model');
    const db = openProject(flags.project);
    try {
      const options = { title: flags.title ?? defaultTitle(args.template), framework: flags.framework, quotes: flags.quotes, terms: flags.term, tor: flags.tor, client: flags.client, where: flags.where, includeTor: flags['include-tor'] };
      if (flags.data) {
        const model = await reportData(db, options);
        if (!this.jsonEnabled()) this.log(JSON.stringify(model, null, 2));
        return model;
      }
      const r = await writeReport(db, args.template, { ...options, out: flags.out!, templateDirs: flags.templates, force: flags.force });
      this.logToStderr(`Wrote ${r.out} (${r.format}, ${Math.round(r.bytes / 1024)} KB): ${r.headings.length} headings${r.figures.length ? `, ${r.figures.length} ${r.figures.length === 1 ? 'figure' : 'figures'}` : ''}, from ${r.template}`);
      return r;
    } finally {
      db.close();
    }
  }
}

function defaultTitle(template: string): string {
  const titles: Record<string, string> = {
    'desk-review': 'Desk review of race equality',
    'assessment-report': 'Assessment of administrative data standards',
    'concept-note': 'Concept note',
    'inception-report': 'Inception report',
    'evidence-table': 'Evidence table',
  };
  return titles[template] ?? 'Report';
}
