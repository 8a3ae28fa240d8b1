/** Where a review stands: documents, coding, screening and what each report template still lacks. */
import path from 'node:path';
import type { Db } from '../store/db.js';
import { documentsStatus, frameworksStatus, screeningStatus, type CodeCoverage, type DocumentsStatus, type FrameworkStatus, type ScreeningStatus } from './collect.js';
import { templateReadiness, type TemplateReadiness } from './template-needs.js';

export type { CodeCoverage, DocumentsStatus, FrameworkStatus, ScreeningStatus, StageProgress } from './collect.js';
export type { TemplateReadiness } from './template-needs.js';
export { templateReadiness } from './template-needs.js';

export interface ProjectStatus {
  project: string;
  documents: DocumentsStatus;
  frameworks: FrameworkStatus[];
  coverage: CodeCoverage[];
  screening: ScreeningStatus;
  templates: TemplateReadiness[];
  seconds: number;
}

/** The state of the whole project in one read-only pass (`litkit status`). */
export function projectStatus(db: Db, options: { templateDirs?: string[] } = {}): ProjectStatus {
  const started = performance.now();
  const status = {
    project: db.file,
    documents: documentsStatus(db),
    ...frameworksStatus(db),
    screening: screeningStatus(db),
    templates: templateReadiness(db, path.dirname(path.resolve(db.file)), options.templateDirs),
  };
  return { ...status, seconds: Math.round(performance.now() - started) / 1000 };
}
