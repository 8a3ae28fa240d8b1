import { InputError } from '../../errors.js';
import { completeMeta } from './metadata.js';
import { normalisePages } from './normalise.js';
import { segmentPages } from './segment.js';
import type { Extractor, Format, PdfEngineName, PreparedDocument } from './types.js';

export interface PrepareTask {
  file: string;
  format: Format;
  data: Uint8Array;
  pdfEngine: PdfEngineName;
}

/** Each format's extractor, loaded on first use: a worker reading only PDFs never loads mammoth. */
async function extractorFor(format: Format, pdfEngine: PdfEngineName): Promise<Extractor> {
  switch (format) {
    case 'pdf':
      return (await import('./extractors/pdf.js')).pdfExtractor(pdfEngine);
    case 'docx':
      return (await import('./extractors/docx.js')).docxExtractor;
    case 'html':
      return (await import('./extractors/html.js')).htmlExtractor;
    case 'md':
      return (await import('./extractors/text.js')).markdownExtractor;
    case 'txt':
      return (await import('./extractors/text.js')).textExtractor;
  }
}

/**
 * A document without letters has no usable text. A PDF needs a few letters per page: scans often
 * carry a stray text layer of page numbers or a scanner's stamp and nothing else.
 */
function hasText(format: Format, pages: string[]): boolean {
  const letters = pages.reduce((n, p) => n + (p.match(/\p{L}/gu)?.length ?? 0), 0);
  return format === 'pdf' ? letters >= 5 * pages.length : letters > 0;
}

function noTextReason(format: Format): string {
  return format === 'pdf'
    ? 'no text layer (a scanned or image-only PDF); run OCR on it and ingest the result'
    : 'the document contains no text';
}

/**
 * Everything that happens to a file before it is stored, free of the database so that it can run
 * in a worker thread: extract, normalise, segment, and complete the metadata.
 */
export async function prepareDocument(task: PrepareTask): Promise<PreparedDocument> {
  if (task.data.byteLength === 0) throw new InputError('E_EMPTY', 'the file is empty (0 bytes)', task.file);
  const raw = await (await extractorFor(task.format, task.pdfEngine)).extract(task.data, task.file);
  const pages = normalisePages(raw.pages.length ? raw.pages : ['']);
  const meta = completeMeta(raw.meta, task.file, pages[0]);
  if (!hasText(task.format, pages)) {
    return { pages, segments: [], meta, engine: raw.engine, status: 'no-text', reason: noTextReason(task.format) };
  }
  return { pages, segments: segmentPages(pages, task.format, raw.blockKinds), meta, engine: raw.engine, status: 'ok' };
}
