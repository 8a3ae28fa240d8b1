import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { InputError, UsageError } from '../../errors.js';
import { insertDocument } from '../documents/write.js';
import { cleanField } from '../render/escape.js';
import { mapColumns, type ColumnMapping, type SurveyColumn } from '../ingest/extractors/survey-columns.js';
import { readSurveyCsv, readSurveyXlsx, type SurveyTable } from '../ingest/extractors/survey-table.js';
import { SURVEY_EXTENSIONS } from '../ingest/formats.js';
import { logIngest } from '../documents/log.js';
import { titleFromFileName } from '../ingest/metadata.js';
import { normalisePages } from '../ingest/normalise.js';
import type { CaseInput, PreparedDocument, SegmentSpan } from '../documents/types.js';
import type { Db } from '../store/db.js';
import { readLimits } from '../store/limits.js';

export interface SurveyOptions extends ColumnMapping {
  /** Document attributes (`--attr`); `title=` names the survey in citations. */
  attributes?: Record<string, string>;
}

export interface SurveyResult {
  path: string;
  /** The new document, or the one already holding the same file. */
  documentId: number;
  skipped?: string;
  respondents: number;
  answers: number;
  columns: SurveyColumn[];
  seconds: number;
}


const SEPARATOR = '\n\n';

/** Question ids and attribute keys made unique where two columns would share one (Q4, Q4_2). */
function uniqueNames(columns: SurveyColumn[]): void {
  for (const field of ['question', 'key'] as const) {
    const seen = new Map<string, number>();
    for (const c of columns) {
      const name = c[field];
      if (name === undefined) continue;
      const n = (seen.get(name.toLowerCase()) ?? 0) + 1;
      seen.set(name.toLowerCase(), n);
      if (n > 1) c[field] = `${name}_${n}`;
    }
  }
}

/** Respondent ids: the id column's, else the row number; blank or repeated ids are refused. */
function respondentIds(table: SurveyTable, idColumn: SurveyColumn | undefined, file: string): string[] {
  if (!idColumn) return table.rows.map((_, i) => String(i + 1));
  const seen = new Map<string, number>();
  return table.rows.map((r, i) => {
    const id = (r[idColumn.index] ?? '').trim();
    if (!id) throw new InputError('E_SURVEY_ID', `row ${i + 2} has no respondent id in column "${idColumn.header}"`, file);
    if (seen.has(id)) throw new InputError('E_SURVEY_ID', `respondent id "${id}" is on rows ${seen.get(id)! + 2} and ${i + 2}; ids must be unique (or name another --id-col)`, file);
    seen.set(id, i);
    return id;
  });
}

/**
 * A survey as a document: one page per respondent holding their answers (separated by blank
 * lines), each answer a segment tied to its question and respondent, each respondent a case
 * with the attribute columns' values.
 */
export function surveyDocument(table: SurveyTable, columns: SurveyColumn[], file: string): PreparedDocument {
  const ids = respondentIds(table, columns.find((c) => c.role === 'id'), file);
  const text = columns.filter((c) => c.role === 'text');
  const attrs = columns.filter((c) => c.role === 'attribute');
  const pages: string[] = [];
  const segments: SegmentSpan[] = [];
  const cases: CaseInput[] = [];
  table.rows.forEach((row, r) => {
    const respondent = ids[r]!;
    let page = '';
    for (const c of text) {
      const answer = normalisePages([row[c.index] ?? ''])[0]!.trim();
      if (!/[\p{L}\p{N}]/u.test(answer)) continue;
      if (page) page += SEPARATOR;
      segments.push({ page: r + 1, start: page.length, end: page.length + answer.length, kind: 'body', para: null, repeatKey: null, respondent, question: c.question });
      page += answer;
    }
    pages.push(page);
    const attributes: Record<string, string> = {};
    // Values reach terminals, spreadsheets and XML: no control characters.
    for (const c of attrs) attributes[c.key!] = cleanField(row[c.index] ?? '');
    cases.push({ kind: 'respondent', label: respondent, attributes });
  });
  const status = segments.length ? 'ok' : 'no-text';
  return { pages, segments, meta: { title: titleFromFileName(file) }, engine: 'survey', status, ...(status === 'no-text' ? { reason: 'no free-text answers' } : {}), cases };
}

/**
 * Ingests a survey export (CSV or XLSX): respondents become cases with attributes, free-text
 * answers segments cited as "Survey, respondent 123, Q4". Identifying columns are left out unless
 * kept. The file is stored whole in one transaction, or not at all.
 */
export async function ingestSurvey(db: Db, file: string, options: SurveyOptions = {}): Promise<SurveyResult> {
  db.assertWritable();
  const started = performance.now();
  const ext = path.extname(file).toLowerCase();
  if (!SURVEY_EXTENSIONS.includes(ext)) throw new UsageError('E_USAGE', `--survey reads ${SURVEY_EXTENSIONS.join(', ')} files, not "${path.basename(file)}"`);
  let data: Buffer;
  try {
    const limits = readLimits(db);
    const size = fs.statSync(file).size;
    if (size > limits.maxFileBytes) throw new InputError('E_TOO_LARGE', `the file is over the ${limits.maxFileBytes / 2 ** 20} MiB limit (limits.max-file-mb)`, file);
    if (size === 0) throw new InputError('E_EMPTY', 'the file is empty (0 bytes)', file);
    data = fs.readFileSync(file);
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    const existing = db.sql.prepare('SELECT id FROM documents WHERE sha256 = ?').pluck().get(sha256) as number | undefined;
    const blank = { path: file, respondents: 0, answers: 0, columns: [], seconds: 0 };
    if (existing !== undefined) {
      const reason = `already in the project as document ${existing} (to read it with another mapping, \`litkit docs rm ${existing}\` first)`;
      logIngest(db, { path: file, outcome: 'skipped', sha256, documentId: existing, message: reason });
      return { ...blank, documentId: existing, skipped: reason };
    }
    const table = ext === '.xlsx' ? await readSurveyXlsx(data, file, limits) : readSurveyCsv(data, file);
    const columns = mapColumns(table, options);
    uniqueNames(columns);
    if (!columns.some((c) => c.role === 'text')) {
      throw new InputError('E_SURVEY_NO_TEXT', 'no column holds free-text answers; name them with --text-cols', file);
    }
    const prepared = surveyDocument(table, columns, file);
    const questions = Object.fromEntries(columns.filter((c) => c.role === 'text').map((c) => [`question.${c.question}`, c.header]));
    const documentId = insertDocument(db, {
      sha256, sourcePath: file, format: 'txt', bytes: data.length, prepared,
      attributes: { type: 'survey', ...questions, ...options.attributes },
    });
    const ms = performance.now() - started;
    logIngest(db, { path: file, outcome: prepared.status === 'ok' ? 'stored' : 'no-text', sha256, documentId, pages: prepared.pages.length, ms: Math.round(ms) });
    return { path: file, documentId, respondents: table.rows.length, answers: prepared.segments.length, columns, seconds: ms / 1000 };
  } catch (err) {
    if (err instanceof InputError) logIngest(db, { path: file, outcome: 'failed', code: err.code, message: err.message });
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError('E_NOT_FOUND', 'no such file', file);
    throw err;
  }
}
