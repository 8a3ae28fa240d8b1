import { InputError } from '../../../errors.js';
import type { Extractor, RawDocument } from '../types.js';

/** The signatures of the image formats litkit recognises text in. */
const SIGNATURES: [string, number[]][] = [
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['TIFF', [0x49, 0x49, 0x2a, 0x00]],
  ['TIFF', [0x4d, 0x4d, 0x00, 0x2a]],
];

/** The image's format from its first bytes; undefined when it is none litkit reads. */
export function imageType(data: Uint8Array): string | undefined {
  return SIGNATURES.find(([, magic]) => magic.every((b, i) => data[i] === b))?.[0];
}

/**
 * An image is one page whose text only OCR can give: without --ocr it is stored as a document
 * without text, like a scanned PDF, and a later `ingest --ocr` reads it.
 */
export const imageExtractor: Extractor = {
  async extract(data: Uint8Array, file: string): Promise<RawDocument> {
    if (!imageType(data)) throw new InputError('E_CORRUPT', 'not a PNG, JPEG or TIFF image (its first bytes say otherwise)', file);
    return { pages: [''], meta: {}, engine: 'image' };
  },
};
