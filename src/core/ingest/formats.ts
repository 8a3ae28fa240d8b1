import path from 'node:path';
import type { Format } from './types.js';

const BY_EXTENSION: Record<string, Format> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  // Scans and photographed pages: one page each, text by OCR (ingest --ocr).
  '.png': 'image',
  '.jpg': 'image',
  '.jpeg': 'image',
  '.tif': 'image',
  '.tiff': 'image',
  // Subtitle files are text; the text extractor turns their cues into transcript turns.
  '.vtt': 'txt',
  '.srt': 'txt',
};

/** The format a file is read as, from its extension; undefined when litkit does not read it. */
export function formatOf(file: string): Format | undefined {
  return BY_EXTENSION[path.extname(file).toLowerCase()];
}

export const SUPPORTED_EXTENSIONS = Object.keys(BY_EXTENSION);

/** Spreadsheets: survey exports, read by `ingest --survey` (src/core/cases/survey.ts), not as documents. */
export const SURVEY_EXTENSIONS = ['.csv', '.tsv', '.xlsx'];
