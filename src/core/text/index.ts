/** Text files and text in general: decoding bytes of unknown encoding, identifiers found in text. */
export { decodeCharset, decodeText, readTextFile } from './decode.js';
export type { DecodedText } from './decode.js';
export { arxivUrl, doiIn, identifiersInText, isIdentifier, urlIn } from './identifiers.js';
export type { Identifiers } from './identifiers.js';
