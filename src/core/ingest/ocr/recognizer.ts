import fs from 'node:fs';
import type Tesseract from 'tesseract.js';
import { InputError } from '../../../errors.js';
import { languageFolder, type OcrLanguage } from './languages.js';
import { pageText, type OcrLine } from './layout.js';

/** What recognition found on one image. */
export interface Recognized {
  text: string;
  /** Tesseract's mean word confidence, 0 to 100. */
  confidence: number;
}

/**
 * One tesseract.js worker for a set of languages. It is created on first use and kept for the
 * thread's later pages, since loading the language data costs about 0.3 s per language.
 */
export class Recognizer {
  private worker?: Promise<Tesseract.Worker>;

  constructor(readonly languages: OcrLanguage[]) {}

  /** Recognises the text of an image (PNG, JPEG, TIFF, BMP or PNM); `dpi` when the caller knows it. */
  async recognize(image: Uint8Array, dpi?: number): Promise<Recognized> {
    const worker = await this.start();
    // A rendered page has no resolution in its header; without one tesseract guesses (and says so on stderr).
    await worker.setParameters({ user_defined_dpi: dpi ? String(dpi) : '' });
    const { data } = await worker
      .recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength), {}, { text: false, blocks: true })
      .catch((err: unknown) => {
        throw new InputError('E_CORRUPT', `the image cannot be read for OCR (${String(err).replace(/^Error: /, '').replace(/\.$/, '').toLowerCase()})`);
      });
    const lines: OcrLine[] = (data.blocks ?? []).flatMap((b) =>
      b.paragraphs.flatMap((p) => p.lines.map((l) => ({ words: l.words, top: l.bbox.y0, bottom: l.bbox.y1 }))),
    );
    return { text: pageText(lines), confidence: data.confidence };
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await (await worker.catch(() => undefined))?.terminate();
  }

  private start(): Promise<Tesseract.Worker> {
    this.worker ??= (async () => {
      // Loaded here, not at the top: a run without OCR never needs it.
      const { default: tesseract } = await import('tesseract.js');
      const { langPath, gzip } = languageFolder(this.languages);
      try {
        // cacheMethod 'none': never write traineddata copies into the current folder (tesseract.js's default).
        return await tesseract.createWorker(this.languages, tesseract.OEM.LSTM_ONLY, {
          langPath,
          gzip,
          cacheMethod: 'none',
          // Without a handler tesseract.js also throws a failed job's error where nothing can catch it.
          errorHandler: () => undefined,
        }, {
          // Tesseract's diagnostics ("Estimating resolution as …") would otherwise go to the terminal.
          debug_file: '/dev/null',
        } as Partial<Tesseract.InitOptions>);
      } catch (err) {
        throw new InputError('E_OCR', `the OCR engine could not start: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        fs.rmSync(langPath, { recursive: true, force: true });
      }
    })();
    return this.worker;
  }
}

const recognizers = new Map<string, Recognizer>();

/** The thread's recogniser for `languages`, shared by the documents this thread reads. */
export function recognizerFor(languages: OcrLanguage[]): Recognizer {
  const key = languages.join('+');
  let r = recognizers.get(key);
  if (!r) recognizers.set(key, (r = new Recognizer(languages)));
  return r;
}

/** Stops this thread's recognisers (their tesseract workers would otherwise keep the process alive). */
export async function closeRecognizers(): Promise<void> {
  const all = [...recognizers.values()];
  recognizers.clear();
  await Promise.all(all.map((r) => r.close()));
}
