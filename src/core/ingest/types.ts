import type { SegmentKind } from '../documents/kinds.js';

/** The document formats litkit reads. */
export type Format = 'pdf' | 'docx' | 'html' | 'txt' | 'md';

/** Bibliographic facts found in a file; any may be missing. */
export interface DocMeta {
  title?: string;
  authors?: string;
  year?: number;
  /** Where the document lives and what it is part of; stored as document attributes of these names. */
  source?: SourceMeta;
}

/**
 * The document attributes a reference is built from besides title, authors and year. Found at
 * ingest where a file states them; a user sets or corrects them with `docs attr`.
 */
export const SOURCE_KEYS = ['doi', 'url', 'journal', 'book', 'site', 'volume', 'issue', 'pages', 'number', 'publisher'] as const;
export type SourceKey = (typeof SOURCE_KEYS)[number];
export type SourceMeta = Partial<Record<SourceKey, string>>;

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
}

/** The limits an extractor enforces on what a file unpacks or nests to (see store/limits.ts). */
export interface ExtractLimits {
  maxUnzippedBytes: number;
  maxZipEntries: number;
  maxHtmlDepth: number;
}

/** One format's reader. */
export interface Extractor {
  extract(data: Uint8Array, file: string, limits: ExtractLimits): Promise<RawDocument>;
}

/** A paragraph-level unit: offsets are UTF-16 indexes into the normalised page text. */
export interface SegmentSpan {
  page: number;
  start: number;
  end: number;
  kind: SegmentKind;
  /** The paragraph number a reader counts on this page; null for what a reader does not count. */
  para: number | null;
  /** Key of the normalised text, for finding text repeated across documents; null when not wanted. */
  repeatKey: string | null;
}

/** A document ready to store: normalised pages, segment offsets, metadata. */
export interface PreparedDocument {
  pages: string[];
  segments: SegmentSpan[];
  meta: DocMeta;
  engine: string;
  status: 'ok' | 'no-text';
  /** Why a no-text document has no text. */
  reason?: string;
  /** With `--redact`: how many of each kind of personal data were masked. */
  redactions?: Record<string, number>;
}

export const PDF_ENGINES = ['pdfium', 'pdf-parse'] as const;
export type PdfEngineName = (typeof PDF_ENGINES)[number];
