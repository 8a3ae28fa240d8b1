import { InputError } from '../../errors.js';
import { completeMeta } from './metadata.js';
import { normalisePages } from './normalise.js';
import { segmentPages } from './segment.js';
import { detectTurns } from './extractors/transcript.js';
import { cleanField } from '../render/escape.js';
import { DEFAULT_LIMITS } from '../store/limits.js';
import { redactPrepared } from '../privacy/prepared.js';
import type { DetectOptions } from '../privacy/detect.js';
import type { DocMeta, ExtractLimits, Extractor, Format, OcrOptions, RawDocument, PdfEngineName, PreparedDocument } from './types.js';

export interface PrepareTask {
  file: string;
  format: Format;
  data: Uint8Array;
  pdfEngine: PdfEngineName;
  /** What the file may unpack or nest to (default: litkit's default limits). */
  limits?: ExtractLimits;
  /** Mask personal data before anything is stored (`ingest --redact`). */
  redact?: DetectOptions;
  /** Recognise pages without a text layer, and images (`ingest --ocr`). */
  ocr?: OcrOptions;
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
    case 'image':
      return (await import('./ocr/image.js')).imageExtractor;
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

function noTextReason(format: Format, ocr: boolean): string {
  if (format === 'pdf') return ocr ? 'no text layer, and OCR found no text either' : 'no text layer (a scanned or image-only PDF); `litkit ingest --ocr` recognises its text';
  if (format === 'image') return ocr ? 'OCR found no text in the image' : 'an image; `litkit ingest --ocr` recognises its text';
  return 'the document contains no text';
}

/**
 * Titles, authors and source fields (journal, DOI, URL …) without control characters: they come
 * from the file (its properties, its name) and end up on terminals, in reports' XML and in
 * spreadsheets.
 */
function cleanMeta(meta: DocMeta): DocMeta {
  const clean = (v: string | undefined) => (v === undefined ? undefined : cleanField(v) || undefined);
  const source = meta.source && Object.fromEntries(Object.entries(meta.source).map(([k, v]) => [k, clean(v)]).filter(([, v]) => v !== undefined));
  return { ...meta, title: clean(meta.title), authors: clean(meta.authors), ...(source ? { source } : {}) };
}

/**
 * Everything that happens to a file before it is stored, free of the database so that it can run
 * in a worker thread: extract, normalise, segment, and complete the metadata.
 */
export async function prepareDocument(task: PrepareTask): Promise<PreparedDocument> {
  if (task.data.byteLength === 0) throw new InputError('E_EMPTY', 'the file is empty (0 bytes)', task.file);
  const { maxUnzippedBytes, maxZipEntries, maxPdfPages, maxHtmlDepth } = DEFAULT_LIMITS;
  const limits = task.limits ?? { maxUnzippedBytes, maxZipEntries, maxPdfPages, maxHtmlDepth };
  let raw: RawDocument;
  try {
    raw = await (await extractorFor(task.format, task.pdfEngine)).extract(task.data, task.file, limits);
  } catch (err) {
    // A parser that recurses (Markdown's, an XML reader's) can still meet a file nested deeper
    // than the stack: that file fails, the run goes on.
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      throw new InputError('E_TOO_DEEP', 'the document nests too deeply to be read (the parser ran out of stack)', task.file);
    }
    throw err;
  }
  if (task.ocr) raw = await (await import('./ocr/index.js')).recognisePages(raw, task.format, task.data, task.file, task.ocr);
  let pages = normalisePages(raw.pages.length ? raw.pages : ['']);
  let meta = cleanMeta(completeMeta(cleanMeta(raw.meta), task.file, pages[0]));
  const redacted = task.redact && redactPrepared(pages, meta, task.redact);
  if (redacted) ({ pages, meta } = redacted);
  const redactions = redacted ? { redactions: redacted.counts } : {};
  if (!hasText(task.format, pages)) {
    return { pages, segments: [], meta, engine: raw.engine, status: 'no-text', reason: noTextReason(task.format, !!task.ocr), ...(raw.ocr ? { ocr: raw.ocr } : {}), ...redactions };
  }
  // An image's recognised text has the lines of a scanned page, and is cut into paragraphs as one.
  const shape = task.format === 'image' ? 'pdf' : task.format;
  const segments = segmentPages(pages, shape, raw.blockKinds);
  const speakers = detectTurns(pages, segments);
  return {
    pages, segments, meta, engine: raw.engine, status: 'ok',
    ...(speakers.length ? { cases: speakers } : {}),
    ...(raw.ocr ? { ocr: raw.ocr } : {}),
    ...redactions,
  };
}
