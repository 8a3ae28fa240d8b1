import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../cli/base.js';
import { IngestProgress } from '../cli/progress.js';
import { effectiveJobs, ingest, parseAttributes, PDF_ENGINES, type IngestSummary } from '../core/ingest/index.js';
import { openProject } from '../core/store/index.js';
import { lastDocumentId, redactionReports, type RedactionReport } from '../core/privacy/index.js';
import { namesFlag, redactionLine, redactOptionsFrom } from '../cli/redact-flags.js';

export default class Ingest extends LitkitCommand {
  static override description = `Add PDF, DOCX, HTML, TXT and Markdown files to the project.
Folders are read recursively. Each document is stored whole or not at all; files that cannot be read are reported one line each and the run goes on. Exit status 3 when any file failed.`;

  static override examples = [
    '<%= config.bin %> ingest reports/ policies/ --attr type=policy',
    "<%= config.bin %> ingest corpus --include '*.pdf' --exclude 'drafts/**'",
    '<%= config.bin %> ingest paper.pdf --pdf-engine pdf-parse --json',
    '<%= config.bin %> ingest interviews/ --redact --names participants.txt',
  ];

  static override strict = false;

  static override args = {
    paths: Args.string({ description: 'Files and folders to ingest.', required: true }),
  };

  static override flags = {
    project: projectFlag,
    include: Flags.string({ description: 'Only files matching this glob (repeatable).', multiple: true }),
    exclude: Flags.string({ description: 'Skip files matching this glob (repeatable).', multiple: true }),
    attr: Flags.string({ char: 'a', description: 'Set an attribute on every new document: key=value (repeatable).', multiple: true }),
    jobs: Flags.integer({ char: 'j', description: 'Extraction worker threads (0: extract on the main thread). Default and most: the CPU count.', min: 0 }),
    'pdf-engine': Flags.string({ description: 'PDF text engine; the other is tried when it cannot read a file.', options: [...PDF_ENGINES], default: 'pdfium' }),
    redact: Flags.boolean({ description: 'Mask e-mail addresses, phone numbers, ID-like numbers and names as [EMAIL], [PHONE], [ID], [NAME] before anything is stored or indexed.' }),
    names: namesFlag,
    'max-size': Flags.integer({ description: 'Refuse files larger than this many MiB (default: limits.max-file-mb, 256).', min: 1 }),
  };

  async run(): Promise<IngestSummary & { redactions?: RedactionReport[] }> {
    const { argv, flags } = await this.parse(Ingest);
    const attributes = parseAttributes(flags.attr ?? []);
    const jobs = flags.jobs === undefined ? undefined : effectiveJobs(flags.jobs);
    if (flags.jobs !== undefined && jobs! < flags.jobs) this.logToStderr(`litkit: --jobs ${flags.jobs} is more than the ${jobs} CPUs here; using ${jobs} workers`);
    const db = openProject(flags.project);
    const progress = new IngestProgress(this.jsonEnabled());
    try {
      const redact = flags.redact ? redactOptionsFrom(db, flags.names) : undefined;
      const lastId = lastDocumentId(db);
      const summary = await ingest(db, argv as string[], {
        include: flags.include,
        exclude: flags.exclude,
        attributes,
        jobs,
        pdfEngine: flags['pdf-engine'] as (typeof PDF_ENGINES)[number],
        maxBytes: flags['max-size'] === undefined ? undefined : flags['max-size'] * 2 ** 20,
        redact,
        onFile: (event, p) => progress.update(event, p),
      });
      progress.finish(summary);
      const redactions = redact ? redactionReports(db).filter((r) => r.documentId > lastId) : undefined;
      if (redactions && !this.jsonEnabled()) this.log(redactionLine(redactions));
      // Documents that are the full texts of imported records are linked to them.
      const { linkRecords } = await import('../core/review/link.js');
      for (const l of linkRecords(db)) if (!this.jsonEnabled()) this.log(`  attached to record #${l.recordId} (same ${l.by.toUpperCase()}): document ${l.documentId}`);
      if (summary.failed > 0) process.exitCode = 3;
      return redactions ? { ...summary, redactions } : summary;
    } finally {
      progress.stop();
      db.close();
    }
  }
}
