/** Reports: templates fed the project's evidence, written as Word, Markdown or HTML. */
export { writeReport, reportData } from './report.js';
export type { ReportOptions, ReportResult } from './report.js';
export type { ReportModel, ReportCode, Quote } from './model.js';
export { markdownToDocx } from './docx.js';
export { markdownToHtml } from './html.js';
export { apaBibliography, toCsl } from './citations.js';
export { BUNDLED_REPORTS_DIR, TemplateError, resolveTemplate } from './templates.js';
export { evidenceTable } from './evidence.js';
export type { EvidenceRow } from './evidence.js';
export { escapeMarkdown, spreadsheetCell, stripControls, cleanField, xmlText } from './escape.js';
export { claimOutput, writeOutput, OutputError } from './outputs.js';
export { CONTENT_SECURITY_POLICY, isSafeHref } from './html.js';
