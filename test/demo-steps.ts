import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'corpus');

/** The demo corpus's folders and the document type each stands for, as `npm run demo` ingests them. */
export const DEMO_TYPES: Record<string, string> = { policies: 'policy', reports: 'report', surveys: 'survey', transcripts: 'transcript', literature: 'literature' };

/** The CLI steps that make the coded demo project in a new project, as `npm run demo` runs them. */
export const DEMO_STEPS: string[][] = [
  ...Object.entries(DEMO_TYPES).map(([folder, type]) => ['ingest', path.join(CORPUS, folder), '--attr', `type=${type}`]),
  ['framework', 'load', 'race-equality'],
  ['code', 'auto'],
];
