/** Offline OCR: pages without a text layer, and images, recognised with tesseract.js. */
import type { Format, OcrOptions, OcrPage, RawDocument } from '../types.js';
import { inRanges } from './page-ranges.js';
import { recognizerFor } from './recognizer.js';
import { OCR_DPI, renderPages } from './render.js';

export { OCR_LANGUAGES, parseOcrLanguages, type OcrLanguage } from './languages.js';
export { parsePageRanges, type PageRanges } from './page-ranges.js';
export { closeRecognizers, recognizerFor } from './recognizer.js';
export { OCR_DPI, renderPages } from './render.js';
export { imageType } from './image.js';
export { wordAccuracy } from './accuracy.js';

/**
 * Fewer letters than this and a page counts as having no text layer. A scan often carries a
 * stray layer of a page number or a scanner's stamp; a page of text has hundreds of letters.
 */
const MIN_LETTERS = 20;

const letters = (text: string) => text.match(/\p{L}/gu)?.length ?? 0;

/** The pages (1-based) that OCR would read: those without a text layer, within the requested ranges. */
export function pagesToRecognise(raw: RawDocument, options: OcrOptions): number[] {
  return raw.pages.flatMap((text, i) => (letters(text) < MIN_LETTERS && inRanges(i + 1, options.pages) ? [i + 1] : []));
}

/**
 * Recognises the text of a PDF's pages without a text layer (rendered at 300 dpi) or of an image,
 * and returns the document with that text in place and the recognised pages marked.
 */
export async function recognisePages(raw: RawDocument, format: Format, data: Uint8Array, file: string, options: OcrOptions): Promise<RawDocument> {
  const engines = Math.max(1, options.engines ?? 1);
  const recognizer = recognizerFor(options.languages, engines);
  const pages = [...raw.pages];
  const ocr: OcrPage[] = [];
  const read = async (page: number, image: Uint8Array, dpi?: number) => {
    const { text, confidence } = await recognizer.recognize(image, dpi);
    pages[page - 1] = text;
    ocr.push({ page, confidence });
  };
  if (format === 'image') {
    if (!inRanges(1, options.pages)) return raw;
    await read(1, data);
  } else if (format === 'pdf') {
    // Pages are rendered in turn and recognised by up to `engines` engines at once; no more
    // bitmaps than that wait in memory.
    const reading = new Set<Promise<void>>();
    for await (const { page, image } of renderPages(data, file, pagesToRecognise(raw, options), OCR_DPI)) {
      const done: Promise<void> = read(page, image, OCR_DPI).finally(() => reading.delete(done));
      done.catch(() => undefined); // a failure surfaces from the race or the final wait; this keeps it from also counting as unhandled
      reading.add(done);
      if (reading.size >= engines) await Promise.race(reading);
    }
    await Promise.all(reading);
  }
  ocr.sort((a, b) => a.page - b.page);
  return ocr.length ? { ...raw, pages, ocr, engine: `${raw.engine}+tesseract` } : raw;
}
export { ocrDocuments, type OcrDocument } from './stored.js';
