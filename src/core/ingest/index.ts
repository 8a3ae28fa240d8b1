/** Ingestion: files and folders in, fully stored documents (or one clear failure each) out. */
export { ingest, parseAttributes, effectiveJobs, DEFAULT_MAX_BYTES } from './pipeline.js';
export type { IngestOptions, IngestSummary, FileEvent } from './pipeline.js';
export { prepareDocument } from './prepare.js';
export { normalisePages } from './normalise.js';
export { segmentPages } from './segment.js';
export { formatOf, SUPPORTED_EXTENSIONS } from './formats.js';
export { PDF_ENGINES } from './types.js';
export type { Format, PdfEngineName, PreparedDocument, DocMeta } from './types.js';
// From the OCR modules that need no engine, so that the CLI loads tesseract.js and PDFium only to recognise.
export { ocrDocuments, type OcrDocument } from './ocr/stored.js';
export { parseOcrLanguages, OCR_LANGUAGES } from './ocr/languages.js';
export { parsePageRanges } from './ocr/page-ranges.js';
export type { OcrOptions, OcrPage } from './types.js';
