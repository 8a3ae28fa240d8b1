import { Args, Flags } from '@oclif/core';
import { LitkitCommand, projectFlag } from '../cli/base.js';
import { IngestProgress } from '../cli/progress.js';
import { ingestSurveys, type SurveyRun } from '../cli/survey-ingest.js';
import { effectiveJobs, ingest, parseAttributes, parseOcrLanguages, parsePageRanges, PDF_ENGINES, type IngestSummary } from '../core/ingest/index.js';
import { openProject } from '../core/store/index.js';
import { lastDocumentId, redactionReports, type RedactionReport } from '../core/privacy/index.js';
import { namesFlag, redactionLine, redactOptionsFrom } from '../cli/redact-flags.js';

/** The shell's convention for a run ended by a signal: 128 + the signal's number. */
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

export default class Ingest extends LitkitCommand {
  static override description = `Add PDF, DOCX, HTML, TXT, Markdown and subtitle (VTT, SRT) files to the project; with --ocr, scans and PNG, JPEG or TIFF images; with --survey, survey exports (CSV, XLSX).
Folders are read recursively. With --ocr, pages without a text layer are recognised offline (tesseract.js), and documents already stored without text are read again. Each document is stored whole or not at all; files that cannot be read are reported one line each and the run goes on. Exit status 3 when any file failed.
Ctrl-C (or SIGTERM) stops after the document being written, prints the summary and exits 130 (143); a second Ctrl-C quits at once.`;

  static override examples = [
    '<%= config.bin %> ingest reports/ policies/ --attr type=policy',
    "<%= config.bin %> ingest corpus --include '*.pdf' --exclude 'drafts/**'",
    '<%= config.bin %> ingest paper.pdf --pdf-engine pdf-parse --json',
    '<%= config.bin %> ingest interviews/ --redact --names participants.txt',
    '<%= config.bin %> ingest scans/ --ocr --ocr-lang eng+fra',
    '<%= config.bin %> ingest staff-survey.csv --survey --attr title="Staff survey 2023"',
    "<%= config.bin %> ingest survey.xlsx --survey --id-col ResponseId --text-cols Q4,Q5 --attr-cols gender,grade,age",
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
    ocr: Flags.boolean({ description: 'Recognise the text of pages without a text layer, and of images, offline (about 2 s a page per job).' }),
    'ocr-lang': Flags.string({ description: 'OCR languages, joined with +: eng (default), fra.', dependsOn: ['ocr'] }),
    'ocr-pages': Flags.string({ description: 'Recognise only these pages, e.g. 1-3,7 or 5- (default: every page without text).', dependsOn: ['ocr'] }),
    redact: Flags.boolean({ description: 'Mask e-mail addresses, phone numbers, ID-like numbers and names as [EMAIL], [PHONE], [ID], [NAME] before anything is stored or indexed.' }),
    names: namesFlag,
    'max-size': Flags.integer({ description: 'Refuse files larger than this many MiB (default: limits.max-file-mb, 256).', min: 1 }),
    survey: Flags.boolean({ description: 'The files are survey exports (CSV or XLSX): respondents become cases with attributes, free-text answers segments.' }),
    'id-col': Flags.string({ description: 'Survey: the column of respondent ids (default: guessed from the header, else the row number).', dependsOn: ['survey'] }),
    'text-cols': Flags.string({ description: 'Survey: the free-text columns, comma-separated (default: guessed).', dependsOn: ['survey'] }),
    'attr-cols': Flags.string({ description: 'Survey: the columns that describe respondents, comma-separated (default: guessed).', dependsOn: ['survey'] }),
    'keep-identifying': Flags.string({ description: 'Survey: keep this column although it looks identifying (names, e-mails, phones, staff ids); repeatable.', multiple: true, dependsOn: ['survey'] }),
  };

  async run(): Promise<(IngestSummary & { redactions?: RedactionReport[] }) | SurveyRun> {
    const { argv, flags } = await this.parse(Ingest);
    const attributes = parseAttributes(flags.attr ?? []);
    if (flags.survey) {
      const cols = (v?: string) => v?.split(',').map((c) => c.trim()).filter(Boolean);
      const db = openProject(flags.project);
      try {
        const run = await ingestSurveys(db, argv as string[], {
          attributes, idCol: flags['id-col'], textCols: cols(flags['text-cols']), attrCols: cols(flags['attr-cols']), keepIdentifying: flags['keep-identifying'],
        }, { log: (l) => this.jsonEnabled() || this.log(l), warn: (l) => this.logToStderr(l) });
        if (run.failures.length) process.exitCode = 3;
        return run;
      } finally {
        db.close();
      }
    }
    const ocr = flags.ocr
      ? { languages: parseOcrLanguages(flags['ocr-lang'] ?? 'eng'), ...(flags['ocr-pages'] ? { pages: parsePageRanges(flags['ocr-pages']) } : {}) }
      : undefined;
    const jobs = flags.jobs === undefined ? undefined : effectiveJobs(flags.jobs);
    if (flags.jobs !== undefined && jobs! < flags.jobs) this.logToStderr(`litkit: --jobs ${flags.jobs} is more than the ${jobs} CPUs here; using ${jobs} workers`);
    const db = openProject(flags.project);
    const progress = new IngestProgress(this.jsonEnabled());
    const stopping = new AbortController();
    let stoppedBy: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stoppedBy) {
        progress.stop();
        process.exit(SIGNAL_EXIT[signal] ?? 1);
      }
      stoppedBy = signal;
      progress.note(`litkit: ${signal}: stopping after the document being written (again to quit at once)`);
      stopping.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const redact = flags.redact ? redactOptionsFrom(db, flags.names) : undefined;
      const lastId = lastDocumentId(db);
      const summary = await ingest(db, argv as string[], {
        include: flags.include,
        exclude: flags.exclude,
        attributes,
        jobs,
        pdfEngine: flags['pdf-engine'] as (typeof PDF_ENGINES)[number],
        ocr,
        maxBytes: flags['max-size'] === undefined ? undefined : flags['max-size'] * 2 ** 20,
        redact,
        onFile: (event, p) => progress.update(event, p),
        signal: stopping.signal,
      });
      progress.finish(summary);
      const redactions = redact ? redactionReports(db).filter((r) => r.documentId > lastId) : undefined;
      if (redactions && !this.jsonEnabled()) this.log(redactionLine(redactions));
      // Documents that are the full texts of imported records are linked to them.
      const { linkRecords } = await import('../core/review/link.js');
      for (const l of linkRecords(db)) if (!this.jsonEnabled()) this.log(`  attached to record #${l.recordId} (same ${l.by.toUpperCase()}): document ${l.documentId}`);
      if (summary.failed > 0) process.exitCode = 3;
      if (stoppedBy) process.exitCode = SIGNAL_EXIT[stoppedBy] ?? 1;
      return redactions ? { ...summary, redactions } : summary;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      progress.stop();
      db.close();
    }
  }
}
