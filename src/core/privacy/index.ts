/** Personal data: finding and masking it in text, before it is stored and in stored documents. */
export { detect, speakerNames, REDACTION_KINDS } from './detect.js';
export type { DetectOptions, Finding, RedactionKind } from './detect.js';
export { mask, redactText, redactPages, noCounts, addCounts, totalCount } from './mask.js';
export type { Masked, RedactionCounts } from './mask.js';
export { redactPrepared } from './prepared.js';
export { saveRedactions, redactionReports, lastDocumentId } from './report.js';
export type { RedactionReport } from './report.js';
export { parseNames, parsePatterns, redactOptions } from './options.js';
export { redactDocuments } from './stored.js';
export type { StoredRedaction } from './stored.js';
export { scrubFreedText } from './scrub.js';
