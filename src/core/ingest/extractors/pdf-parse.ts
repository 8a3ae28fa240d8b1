import { InputError } from '../../../errors.js';
import type { PdfEngine, PdfRead } from './pdf.js';
import { tooManyPages } from './pdf-limits.js';

/** pdf-parse (pdf.js): the design's named engine, kept selectable with --pdf-engine pdf-parse. */
export const pdfParseEngine: PdfEngine = {
  name: 'pdf-parse',
  async extract(data: Uint8Array, file: string, maxPages: number): Promise<PdfRead> {
    const { PDFParse, PasswordException, InvalidPDFException } = await import('pdf-parse');
    // pdf.js takes ownership of (detaches) the buffer it is given, so hand it a copy.
    const parser = new PDFParse({ data: new Uint8Array(data), verbosity: 0 });
    try {
      const info = await parser.getInfo().catch(() => undefined);
      if (info) tooManyPages(info.total, maxPages, file);
      const text = await parser.getText();
      const dict = (info?.info ?? {}) as Record<string, unknown>;
      const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
      return {
        pages: text.pages.map((p) => p.text),
        info: {
          title: str(dict.Title), author: str(dict.Author), subject: str(dict.Subject), creator: str(dict.Creator),
          producer: str(dict.Producer), created: str(dict.CreationDate), doi: str(dict.doi) ?? str(dict.DOI),
        },
        // Link annotations are read by the PDFium engine only; pdf.js would need a pass per page.
        links: [],
        engine: 'pdf-parse',
      };
    } catch (err) {
      if (err instanceof InputError) throw err;
      if (err instanceof PasswordException) throw new InputError('E_ENCRYPTED', 'the PDF is password-protected', file);
      const cause = err instanceof InvalidPDFException || err instanceof Error ? err.message : String(err);
      throw new InputError('E_CORRUPT', `the PDF cannot be read (${cause})`, file);
    } finally {
      await parser.destroy();
    }
  },
};
