import path from 'node:path';
import { ingestSurvey, SURVEY_EXTENSIONS, type SurveyColumn, type SurveyOptions, type SurveyResult } from '../core/cases/index.js';
import { collectFiles } from '../core/ingest/files.js';
import type { Db } from '../core/store/db.js';
import { errorInfo, InputError } from '../errors.js';

/** What `ingest --survey` prints and returns: each file's result, and the files that failed. */
export interface SurveyRun {
  surveys: SurveyResult[];
  failures: { path: string; code: string; message: string }[];
}

const list = (cols: SurveyColumn[], show: (c: SurveyColumn) => string) => cols.map(show).join(', ') || '(none)';

/** The column mapping as one line per role, so the user sees what was guessed and can correct it. */
export function describeColumns(columns: SurveyColumn[]): string[] {
  const of = (role: SurveyColumn['role']) => columns.filter((c) => c.role === role);
  const id = of('id')[0];
  return [
    `  respondent id: ${id ? `"${id.header}"` : 'the row number (no id column; name one with --id-col)'}`,
    `  free text (--text-cols): ${list(of('text'), (c) => `"${c.header}" as ${c.question}`)}`,
    `  attributes (--attr-cols): ${list(of('attribute'), (c) => `"${c.header}" as case.${c.key}${c.numeric ? ' (number)' : ''}`)}`,
    ...(of('ignored').length ? [`  left out: ${list(of('ignored'), (c) => `"${c.header}" (${c.why})`)}`] : []),
  ];
}

/**
 * Ingests each file as a survey: the mapping printed, identifying columns warned about one line
 * each on stderr, a failed file reported and the run going on.
 */
export async function ingestSurveys(db: Db, paths: string[], options: SurveyOptions, out: { log(line: string): void; warn(line: string): void }): Promise<SurveyRun> {
  const run: SurveyRun = { surveys: [], failures: [] };
  // A folder means the spreadsheets in it; a path that cannot be read is reported as it is found.
  const { files, problems } = collectFiles(paths);
  for (const err of problems) {
    run.failures.push({ path: err.file ?? '', code: err.code, message: err.message });
    out.warn(err.line());
  }
  const sheets = files.filter((f) => paths.includes(f) || SURVEY_EXTENSIONS.includes(path.extname(f).toLowerCase()));
  for (const file of sheets) {
    try {
      const r = await ingestSurvey(db, file, options);
      run.surveys.push(r);
      if (r.skipped) {
        out.log(`${file}: skipped, ${r.skipped}`);
        continue;
      }
      for (const c of r.columns.filter((c) => c.role === 'identifying')) {
        out.warn(`litkit: ${file}: column "${c.header}" left out: ${c.why}; keep it with --keep-identifying "${c.header}" (W_IDENTIFYING)`);
      }
      out.log(`${file}: document ${r.documentId}`);
      for (const line of describeColumns(r.columns)) out.log(line);
      out.log(`Ingested survey: ${r.respondents} respondents (cases), ${r.answers} answers in ${r.seconds.toFixed(1)} s`);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const { code, message } = errorInfo(err);
      run.failures.push({ path: file, code, message });
      out.warn(err.line());
    }
  }
  return run;
}
