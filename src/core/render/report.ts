import fs from 'node:fs';
import path from 'node:path';
import { resolveFramework } from '../coding/framework/store.js';
import { prismaSvg } from '../review/prisma.js';
import type { Db } from '../store/db.js';
import { markdownToDocx } from './docx.js';
import { svgFigure, type Figure } from './figures.js';
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
  /** Figures embedded (docx, html) or written beside the Markdown file (md). */
  figures: string[];
}

/** Builds the model after checking what the options name exist: an unknown framework fails as in `code auto`. */
async function model(db: Db, options: ModelOptions): Promise<ReportModel> {
  if (options.framework) resolveFramework(db, options.framework);
  return buildReportModel(db, options);
}

/** The figures a report refers to (`![Caption](litkit:NAME)`) that the project can draw: the PRISMA flow when it has records. */
async function figures(markdown: string, m: ReportModel): Promise<Record<string, Figure>> {
  const out: Record<string, Figure> = {};
  if (m.prisma && markdown.includes('(litkit:prisma)')) out.prisma = await svgFigure(prismaSvg(m.prisma));
  return out;
}

/** Markdown whose figure references point at SVG files written beside it (md) or inline data (html). */
function linkFigures(markdown: string, figs: Record<string, Figure>, target: (name: string, f: Figure) => string): string {
  return markdown.replace(/!\[([^\]]*)\]\(litkit:([\w-]+)\)/g, (_whole, caption: string, name: string) => {
    const f = figs[name];
    return f ? `![${caption}](${target(name, f)})` : `*[Figure: ${caption}: not available for this project]*`;
  });
}

/** Renders a template against the project and writes it as Word, Markdown or HTML. */
export async function writeReport(db: Db, template: string, options: ReportOptions): Promise<ReportResult> {
  claimOutput(db, options.out, ['.docx', '.md', '.html'], { force: options.force });
  const format = path.extname(options.out).slice(1).toLowerCase() as ReportResult['format'];
  const projectDir = path.dirname(path.resolve(db.file));
  const file = resolveTemplate(template, projectDir, options.templateDirs);
  const m = await model(db, options);
  const markdown = renderTemplate(file, m);
  const figs = await figures(markdown, m);
  const beside = (name: string) => `${path.basename(options.out, '.md')}.${name}.svg`;
  const content =
    format === 'docx'
      ? await markdownToDocx(markdown, { title: m.title, cover: m.cover, figures: figs })
      : format === 'html'
        ? await markdownToHtml(linkFigures(markdown, figs, (_, f) => `data:image/svg+xml;base64,${Buffer.from(f.svg).toString('base64')}`), m.title)
        : linkFigures(markdown, figs, beside);
  fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
  if (format === 'md') for (const [name, f] of Object.entries(figs)) fs.writeFileSync(path.join(path.dirname(options.out), beside(name)), f.svg);
  const bytes = await writeOutput(db, options.out, content);
  return { template: file, out: options.out, format, bytes, headings: [...markdown.matchAll(/^#{1,3} (.+)$/gm)].map((x) => x[1]!), figures: Object.keys(figs) };
}

/** The data model a template sees, for writing templates. */
export function reportData(db: Db, options: ModelOptions = {}): Promise<ReportModel> {
  return model(db, options);
}
