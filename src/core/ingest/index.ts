/** Ingestion: files and folders in, fully stored documents (or one clear failure each) out. */
export { ingest, parseAttributes, effectiveJobs, DEFAULT_MAX_BYTES } from './pipeline.js';
export type { IngestOptions, IngestSummary, FileEvent } from './pipeline.js';
export { failedFiles } from './log.js';
export type { FailedFile } from './log.js';
export { prepareDocument } from './prepare.js';
export { normalisePages } from './normalise.js';
export { segmentPages } from './segment.js';
export { decodeText } from './decode.js';
export { formatOf, SUPPORTED_EXTENSIONS } from './formats.js';
export { PDF_ENGINES } from './types.js';
export type { Format, PdfEngineName, PreparedDocument, DocMeta } from './types.js';
