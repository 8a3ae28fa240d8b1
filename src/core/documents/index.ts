/** Stored documents: reading, writing, removing, citing. */
export { listDocuments, getDocument, getPage, pageLengths, listSegments, segmentKindCounts } from './read.js';
export type { DocumentInfo, SegmentInfo } from './read.js';
export { insertDocument } from './write.js';
export type { NewDocument } from './write.js';
export { removeDocument, purgeDocuments } from './remove.js';
export type { Removed } from './remove.js';
export { cite, citeDocument } from './citation.js';
export type { CitationPlace } from './citation.js';
export { setAttributes } from './attributes.js';
export { SEGMENT_KINDS, DEFAULT_CODING_KINDS, DEFAULT_QUOTE_KINDS, parseKinds } from './kinds.js';
export type { SegmentKind } from './kinds.js';
export { failedFiles, logIngest } from './log.js';
export type { FailedFile, IngestLogEntry } from './log.js';
export type { CaseInput, DocMeta, Format, OcrPage, PreparedDocument, SegmentSpan } from './types.js';
