/** Stored documents: reading, writing, removing, citing. */
export { listDocuments, getDocument, getPage, pageLengths } from './read.js';
export type { DocumentInfo } from './read.js';
export { insertDocument } from './write.js';
export type { NewDocument } from './write.js';
export { removeDocument } from './remove.js';
export { cite, citeDocument } from './citation.js';
export type { CitationPlace } from './citation.js';
export { setAttributes } from './attributes.js';
