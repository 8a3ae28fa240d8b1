import type { SegmentKind } from '../documents/kinds.js';
import type { DocMeta, OcrPage } from '../documents/types.js';
import type { OcrLanguage } from './ocr/languages.js';

// The stored document's own types, which ingest produces, live with the documents.
export { SOURCE_KEYS } from '../documents/types.js';
export type { CaseInput, DocMeta, Format, OcrPage, PreparedDocument, SegmentSpan, SourceKey, SourceMeta } from '../documents/types.js';

/** What an extractor returns: text per page as the file gives it, before normalisation. */
export interface RawDocument {
  pages: string[];
  meta: DocMeta;
  /** Which extractor (and for PDFs, which engine) produced the text. */
  engine: string;
  /**
   * What the file's markup says each paragraph is, per page, one entry per blank-line-separated
   * block of that page's text (undefined: the markup does not say). Only formats with markup give it.
   */
  blockKinds?: (SegmentKind | undefined)[][];
  /** The pages whose text OCR recognised. */
  ocr?: OcrPage[];
}

/** What `ingest --ocr` asks for; plain data, so that it crosses to worker threads. */
export interface OcrOptions {
  /** Tesseract language codes, recognised together ("eng", "fra"). */
  languages: OcrLanguage[];
  /** Inclusive 1-based page ranges that may be recognised (default: every page without text). */
  pages?: [number, number][];
  /** Tesseract engines one document may use at once (default 1): the cores the worker pool leaves idle. */
  engines?: number;
}

/** The limits an extractor enforces on what a file unpacks or nests to (see store/limits.ts). */
export interface ExtractLimits {
  maxUnzippedBytes: number;
  maxZipEntries: number;
  maxPdfPages: number;
  maxHtmlDepth: number;
}

/** One format's reader. */
export interface Extractor {
  extract(data: Uint8Array, file: string, limits: ExtractLimits): Promise<RawDocument>;
}


export const PDF_ENGINES = ['pdfium', 'pdf-parse'] as const;
export type PdfEngineName = (typeof PDF_ENGINES)[number];
