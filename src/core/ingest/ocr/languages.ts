import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../../errors.js';

/** The languages whose recognition data litkit installs (npm packages @tesseract.js-data/<code>). */
export const OCR_LANGUAGES = ['eng', 'fra'] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

/** Parses `--ocr-lang` ("eng", "eng+fra"); a usage error for a language whose data is not installed. */
export function parseOcrLanguages(spec: string): OcrLanguage[] {
  const codes = spec.split('+').map((c) => c.trim().toLowerCase());
  for (const code of codes) {
    if (!(OCR_LANGUAGES as readonly string[]).includes(code)) {
      throw new UsageError('E_USAGE', `--ocr-lang: no recognition data for "${code}"; litkit has ${OCR_LANGUAGES.join(', ')} (combine with +, e.g. eng+fra)`);
    }
  }
  return [...new Set(codes)] as OcrLanguage[];
}

interface DataPackage {
  langPath: string;
  gzip: boolean;
}

const require = createRequire(import.meta.url);

/**
 * The traineddata file a language package ships. Its index names the folder of the standard
 * model (with the legacy engine's data); beside it, `4.0.0_best_int` holds the LSTM-only model,
 * which is what litkit runs: the same words on the bench page, a quarter of the size to unpack.
 */
function traineddataOf(code: OcrLanguage): { file: string; gzip: boolean } {
  const pkg = require(`@tesseract.js-data/${code}`) as DataPackage;
  const name = `${code}.traineddata${pkg.gzip ? '.gz' : ''}`;
  return { file: path.join(path.dirname(pkg.langPath), '4.0.0_best_int', name), gzip: pkg.gzip };
}

/**
 * A folder holding the traineddata of `codes`, for tesseract.js's single `langPath`: each
 * language ships in a package folder of its own, so the folder links (or, where links are not
 * allowed, copies) the shipped files. The caller removes it once the data is loaded.
 */
export function languageFolder(codes: OcrLanguage[]): { langPath: string; gzip: boolean } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litkit-ocr-'));
  let gzip = true;
  for (const code of codes) {
    const data = traineddataOf(code);
    gzip = data.gzip;
    const target = path.join(dir, path.basename(data.file));
    try {
      fs.symlinkSync(data.file, target);
    } catch {
      fs.copyFileSync(data.file, target);
    }
  }
  return { langPath: dir, gzip };
}
