import { InputError } from '../../../errors.js';
import { yearFrom } from '../metadata.js';
import type { RawDocument } from '../types.js';
import type { PdfEngine } from './pdf.js';

/** pdf-parse (pdf.js): the design's named engine, kept selectable with --pdf-engine pdf-parse. */
export const pdfParseEngine: PdfEngine = {
  name: 'pdf-parse',
  async extract(data: Uint8Array, file: string): Promise<RawDocument> {
    const { PDFParse, PasswordException, InvalidPDFException } = await import('pdf-parse');
    // pdf.js takes ownership of (detaches) the buffer it is given, so hand it a copy.
    const parser = new PDFParse({ data: new Uint8Array(data), verbosity: 0 });
    try {
      const text = await parser.getText();
      const info = await parser.getInfo().catch(() => undefined);
      const dict = (info?.info ?? {}) as Record<string, unknown>;
      const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
      return {
        pages: text.pages.map((p) => p.text),
        meta: { title: str(dict.Title), authors: str(dict.Author), year: yearFrom(str(dict.CreationDate)) },
        engine: 'pdf-parse',
      };
    } catch (err) {
      if (err instanceof PasswordException) throw new InputError('E_ENCRYPTED', 'the PDF is password-protected', file);
      const cause = err instanceof InvalidPDFException || err instanceof Error ? err.message : String(err);
      throw new InputError('E_CORRUPT', `the PDF cannot be read (${cause})`, file);
    } finally {
      await parser.destroy();
    }
  },
};
