import { InputError } from '../../../errors.js';
import type { DocMeta, Extractor, PdfEngineName, RawDocument } from '../types.js';
import { pdfiumEngine } from './pdf-pdfium.js';
import { pdfParseEngine } from './pdf-parse.js';
import { xmpMeta } from './xmp.js';

/** A PDF text engine: text per page and the document-info metadata. */
export interface PdfEngine {
  readonly name: PdfEngineName;
  extract(data: Uint8Array, file: string): Promise<RawDocument>;
}

const ENGINES: Record<PdfEngineName, PdfEngine> = { pdfium: pdfiumEngine, 'pdf-parse': pdfParseEngine };

const PDF_MAGIC = '%PDF-';

/** XMP (when the file carries it uncompressed) wins over the older document-info dictionary. */
function mergeMeta(info: DocMeta, xmp: DocMeta): DocMeta {
  return { title: xmp.title ?? info.title, authors: xmp.authors ?? info.authors, year: xmp.year ?? info.year };
}

/**
 * PDF extraction through the chosen engine, falling back to the other engine when the chosen one
 * cannot read a file that is not simply encrypted (engines differ in what damage they tolerate).
 */
export function pdfExtractor(engine: PdfEngineName): Extractor {
  return {
    async extract(data: Uint8Array, file: string): Promise<RawDocument> {
      const head = new TextDecoder('latin1').decode(data.subarray(0, 1024));
      if (!head.includes(PDF_MAGIC)) throw new InputError('E_CORRUPT', 'not a PDF (no %PDF- header)', file);
      const primary = ENGINES[engine];
      let raw: RawDocument;
      try {
        raw = await primary.extract(data, file);
      } catch (err) {
        if (err instanceof InputError && err.code === 'E_ENCRYPTED') throw err;
        const other = ENGINES[engine === 'pdfium' ? 'pdf-parse' : 'pdfium'];
        try {
          raw = await other.extract(data, file);
        } catch {
          throw err;
        }
      }
      return { ...raw, meta: mergeMeta(raw.meta, xmpMeta(data)) };
    },
  };
}
