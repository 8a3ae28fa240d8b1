import fs from 'node:fs';
import iconv from 'iconv-lite';
import { InputError } from '../../errors.js';

/** The text of a byte buffer and the encoding it was read as. */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

/** Decodes bytes in a named legacy charset (as declared by an HTML file); undefined if unknown. */
export function decodeCharset(data: Uint8Array, charset: string): string | undefined {
  if (!iconv.encodingExists(charset)) return undefined;
  return iconv.decode(Buffer.from(data.buffer, data.byteOffset, data.byteLength), charset);
}

/**
 * Decodes text files as users actually have them: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise
 * strict UTF-8, and bytes that are not valid UTF-8 are read as Windows-1252 (the usual encoding of
 * older Windows text files, a superset of Latin-1's printable range) rather than mangled.
 */
export function decodeText(data: Uint8Array): DecodedText {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(data.subarray(3)), encoding: 'utf-8' };
  }
  if (data[0] === 0xff && data[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(data.subarray(2)), encoding: 'utf-16le' };
  }
  if (data[0] === 0xfe && data[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(data.subarray(2)), encoding: 'utf-16be' };
  }
  const bomless = utf16WithoutBom(data);
  if (bomless) return { text: new TextDecoder(bomless).decode(data), encoding: bomless };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'utf-8' };
  } catch {
    const cjk = utf16Plausible(data);
    if (cjk) return { text: cjk.text, encoding: cjk.encoding };
    // Not TextDecoder: Node's maps 0x80-0x9F to C1 controls (Latin-1), losing curly quotes and dashes.
    return { text: iconv.decode(Buffer.from(data.buffer, data.byteOffset, data.byteLength), 'windows-1252'), encoding: 'windows-1252' };
  }
}

/** UTF-16 without a BOM shows as a NUL in every other byte of ASCII-heavy text. */
function utf16WithoutBom(data: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(data.length - (data.length % 2), 4096);
  if (n < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (data[i] === 0) evenNul++;
    if (data[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/**
 * UTF-16 without a BOM in a script with few ASCII characters (Japanese, Chinese): NULs are rare
 * (only the line breaks and spaces carry one), so the test above misses it. Bytes that are not
 * UTF-8 and hold a NUL are no Windows-1252 text either (text files have no NULs); they are read as
 * the UTF-16 byte order that decodes without error into printable text.
 */
function utf16Plausible(data: Uint8Array): DecodedText | undefined {
  if (data.length % 2 !== 0 || !data.includes(0)) return undefined;
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(data);
    } catch {
      continue;
    }
    const odd = text.match(/[^\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}\t\n\r\f]/gu)?.length ?? 0;
    // Some ASCII (a line break, a space, a digit) is what a real UTF-16 text has and a misread lacks.
    if (odd <= text.length * 0.02 && /[\t\n\r -~]/.test(text)) return { text, encoding };
  }
  return undefined;
}

/**
 * Reads a text file a user gave (a framework, a CSV of decisions or values, a data set) in
 * whatever encoding it is in: a spreadsheet's CSV export is often Windows-1252 or UTF-16.
 */
export function readTextFile(file: string): string {
  let bytes: Buffer;
  try {
    // `-` is standard input, for the commands that read a file (`framework load -`).
    bytes = fs.readFileSync(file === '-' ? 0 : file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'E_NOT_FOUND' : 'E_READ', code === 'ENOENT' ? 'no such file' : `cannot read: ${(err as Error).message}`, file);
  }
  return decodeText(bytes).text;
}
