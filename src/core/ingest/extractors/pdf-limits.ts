import zlib from 'node:zlib';
import { InputError } from '../../../errors.js';

const STREAM = Buffer.from('stream');
const END = Buffer.from('endstream');
const MIB = 2 ** 20;
/** No page's content or font needs more; the check never holds more than this at once. */
const MAX_STREAM = 64 * MIB;

/**
 * Refuses a PDF whose Flate-compressed streams unpack to more than `maxBytes` in all, or one of
 * them to more than 64 MiB, before an engine inflates them: a 1 MB file can hold a content stream
 * that inflates to gigabytes, and PDFium's WebAssembly memory then grows past what a worker's heap
 * limit sees. Images are left out (reading text never decodes them; OCR renders pages at a bounded
 * size). Each stream is inflated with a cap on its output, so the check holds at most 64 MiB;
 * streams zlib cannot read are left for the engine to judge.
 */
export function checkPdfStreams(data: Uint8Array, file: string, maxBytes: number): void {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let total = 0;
  for (let at = buf.indexOf(STREAM); at >= 0; at = buf.indexOf(STREAM, at + STREAM.length)) {
    // "endstream" also contains "stream": only a keyword after the dictionary's ">>" opens one.
    if (at >= 3 && buf.subarray(at - 3, at).toString('latin1') === 'end') continue;
    const dict = buf.subarray(Math.max(0, at - 1024), at).toString('latin1');
    const own = dict.slice(dict.lastIndexOf('obj'));
    if (!/>>\s*$/.test(dict) || !/\/FlateDecode|\/Fl\b/.test(own) || /\/Subtype\s*\/Image/.test(own)) continue;
    let start = at + STREAM.length;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    const end = buf.indexOf(END, start);
    if (end < 0) break;
    const cap = Math.min(MAX_STREAM, maxBytes - total) + 1;
    try {
      total += zlib.inflateSync(buf.subarray(start, end), { maxOutputLength: cap, finishFlush: zlib.constants.Z_SYNC_FLUSH }).length;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') continue;
      if (cap > MAX_STREAM) throw new InputError('E_TOO_LARGE', `a stream of the PDF unpacks to more than ${MAX_STREAM / MIB} MiB; it is refused before reading`, file);
      total = maxBytes + 1;
    }
    if (total > maxBytes) {
      throw new InputError('E_TOO_LARGE', `the PDF's compressed streams unpack to more than ${Math.round(maxBytes / MIB)} MiB (limits.max-unzipped-mb); it is refused before reading`, file);
    }
    at = end;
  }
}

/** Refuses a PDF over the page limit, before any page is read. */
export function tooManyPages(count: number, maxPages: number, file: string): void {
  if (count > maxPages) throw new InputError('E_TOO_LARGE', `the PDF has ${count} pages, over the limit of ${maxPages} (limits.max-pdf-pages)`, file);
}
