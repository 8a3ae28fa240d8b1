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
};

/** The format a file is read as, from its extension; undefined when litkit does not read it. */
export function formatOf(file: string): Format | undefined {
  return BY_EXTENSION[path.extname(file).toLowerCase()];
}

export const SUPPORTED_EXTENSIONS = Object.keys(BY_EXTENSION);
