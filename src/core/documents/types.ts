import type { SegmentKind } from './kinds.js';

// What a stored document is made of, as ingest (or a survey import) hands it over to be written.

/** The document formats litkit reads. */
export type Format = 'pdf' | 'docx' | 'html' | 'txt' | 'md' | 'image';

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

/** A page whose text OCR recognised, and tesseract's mean word confidence for it (0 to 100). */
export interface OcrPage {
  page: number;
  confidence: number;
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
  /** A transcript turn's speaker label, or a survey answer's respondent (see CaseInput). */
  speaker?: string;
  respondent?: string;
  /** A survey answer's question id ("Q4"). */
  question?: string;
  /** A transcript turn's timestamp, in seconds from the start of the recording. */
  timeS?: number;
}

/** A case of a document (a transcript's speaker, a survey's respondent) with its attributes. */
export interface CaseInput {
  kind: 'speaker' | 'respondent';
  label: string;
  attributes: Record<string, string | number>;
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
  /** The pages whose text OCR recognised. */
  ocr?: OcrPage[];
  /** The speakers or respondents that segments name (by label). */
  cases?: CaseInput[];
  /** With `--redact`: how many of each kind of personal data were masked. */
  redactions?: Record<string, number>;
}
