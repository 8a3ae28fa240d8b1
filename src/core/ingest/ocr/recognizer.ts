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
 * Up to `size` tesseract.js engines for a set of languages, each recognising one image at a time.
 * Engines are started on first need and kept for the thread's later pages, since starting one
 * (loading the language data) costs about 0.3 s per language and each holds about 150 MB.
 */
export class Recognizer {
  private readonly engines: Promise<Tesseract.Worker>[] = [];
  private readonly idle: Tesseract.Worker[] = [];
  private readonly waiting: ((engine: Tesseract.Worker) => void)[] = [];

  constructor(
    readonly languages: OcrLanguage[],
    public size = 1,
  ) {}

  /** Recognises the text of an image (PNG, JPEG, TIFF, BMP or PNM); `dpi` when the caller knows it. */
  async recognize(image: Uint8Array, dpi?: number): Promise<Recognized> {
    const engine = await this.acquire();
    try {
      // A rendered page has no resolution in its header; without one tesseract guesses (and says so on stderr).
      await engine.setParameters({ user_defined_dpi: dpi ? String(dpi) : '' });
      const { data } = await engine
        .recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength), {}, { text: false, blocks: true })
        .catch((err: unknown) => {
          throw new InputError('E_CORRUPT', `the image cannot be read for OCR (${String(err).replace(/^Error: /, '').replace(/\.$/, '').toLowerCase()})`);
        });
      const lines: OcrLine[] = (data.blocks ?? []).flatMap((b) =>
        b.paragraphs.flatMap((p) => p.lines.map((l) => ({ words: l.words, top: l.bbox.y0, bottom: l.bbox.y1 }))),
      );
      return { text: pageText(lines), confidence: data.confidence };
    } finally {
      this.release(engine);
    }
  }

  async close(): Promise<void> {
    const engines = this.engines.splice(0);
    this.idle.length = 0;
    await Promise.all(engines.map(async (e) => (await e.catch(() => undefined))?.terminate()));
  }

  private acquire(): Promise<Tesseract.Worker> {
    const idle = this.idle.pop();
    if (idle) return Promise.resolve(idle);
    if (this.engines.length < this.size) {
      const engine = this.start();
      this.engines.push(engine);
      // An engine that cannot start leaves room for another attempt.
      engine.catch(() => this.engines.splice(this.engines.indexOf(engine), 1));
      return engine;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(engine: Tesseract.Worker): void {
    const next = this.waiting.shift();
    if (next) next(engine);
    else this.idle.push(engine);
  }

  private async start(): Promise<Tesseract.Worker> {
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
  }
}

const recognizers = new Map<string, Recognizer>();

/** The thread's recogniser for `languages`, shared by the documents this thread reads, with room for `engines` engines. */
export function recognizerFor(languages: OcrLanguage[], engines = 1): Recognizer {
  const key = languages.join('+');
  let r = recognizers.get(key);
  if (!r) recognizers.set(key, (r = new Recognizer(languages, engines)));
  r.size = Math.max(r.size, engines);
  return r;
}

/** Stops this thread's recognisers (their tesseract workers would otherwise keep the process alive). */
export async function closeRecognizers(): Promise<void> {
  const all = [...recognizers.values()];
  recognizers.clear();
  await Promise.all(all.map((r) => r.close()));
}
