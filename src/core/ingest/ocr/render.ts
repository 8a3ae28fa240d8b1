import { PDFiumLibrary } from '@hyzyla/pdfium';
import { InputError } from '../../../errors.js';

/** Resolution pages are rendered at for recognition: tesseract's documented best for body text. */
export const OCR_DPI = 300;

let library: Promise<PDFiumLibrary> | undefined;

function pdfium(): Promise<PDFiumLibrary> {
  library ??= PDFiumLibrary.init();
  return library;
}

/**
 * A greyscale bitmap as binary PGM: a header and the bytes as they are, so neither a PNG encoder
 * nor tesseract's PNG decoder spends time on a page that only passes from one library to another.
 */
function pgm(width: number, height: number, grey: Uint8Array): Uint8Array {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  const out = new Uint8Array(header.length + grey.length);
  out.set(header);
  out.set(grey, header.length);
  return out;
}

/**
 * Renders the given pages (1-based) of a PDF at `dpi`, one greyscale image at a time, so that
 * only one page's bitmap (about 8 MB for A4 at 300 dpi) is held at once.
 */
export async function* renderPages(data: Uint8Array, file: string, pages: number[], dpi = OCR_DPI): AsyncGenerator<{ page: number; image: Uint8Array }> {
  const doc = await (await pdfium()).loadDocument(data).catch((err: unknown) => {
    throw new InputError('E_CORRUPT', `the PDF cannot be rendered for OCR (${err instanceof Error ? err.message : String(err)})`, file);
  });
  try {
    for (const page of pages) {
      // A page object is spent by one render in this wrapper, so each render gets a fresh one.
      const bitmap = await doc.getPage(page - 1).render({ scale: dpi / 72, colorSpace: 'Gray', render: 'bitmap' });
      yield { page, image: pgm(bitmap.width, bitmap.height, bitmap.data) };
    }
  } finally {
    doc.destroy();
  }
}
