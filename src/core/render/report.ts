import path from 'node:path';
import type { Db } from '../store/db.js';
import { markdownToDocx } from './docx.js';
import { markdownToHtml } from './html.js';
import { claimOutput, writeOutput } from './outputs.js';
import { buildReportModel, type ModelOptions, type ReportModel } from './model.js';
import { renderTemplate, resolveTemplate } from './templates.js';

export interface ReportOptions extends ModelOptions {
  /** Where to write: .docx, .md or .html (by extension). */
  out: string;
  /** Folders user templates may live in, besides the project folder. */
  templateDirs?: string[];
  /** Replace `out` even when litkit did not write it or it was changed since. */
  force?: boolean;
}

export interface ReportResult {
  template: string;
  out: string;
  format: 'docx' | 'md' | 'html';
  bytes: number;
  headings: string[];
}

/** Renders a template against the project and writes it as Word, Markdown or HTML. */
export async function writeReport(db: Db, template: string, options: ReportOptions): Promise<ReportResult> {
  claimOutput(db, options.out, ['.docx', '.md', '.html'], { force: options.force });
  const format = path.extname(options.out).slice(1).toLowerCase() as ReportResult['format'];
  const projectDir = path.dirname(path.resolve(db.file));
  const file = resolveTemplate(template, [projectDir, ...(options.templateDirs ?? [])]);
  const model = await buildReportModel(db, options);
  const markdown = renderTemplate(file, model);
  const content = format === 'docx' ? await markdownToDocx(markdown, { title: model.title }) : format === 'html' ? await markdownToHtml(markdown, model.title) : markdown;
  const bytes = writeOutput(db, options.out, content);
  return { template: file, out: options.out, format, bytes, headings: [...markdown.matchAll(/^#{1,3} (.+)$/gm)].map((m) => m[1]!) };
}

/** The data model a template sees, for writing templates. */
export function reportData(db: Db, options: ModelOptions = {}): Promise<ReportModel> {
  return buildReportModel(db, options);
}
