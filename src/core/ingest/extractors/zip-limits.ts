import { InputError } from '../../../errors.js';

/** The sizes a ZIP (a DOCX) declares, from its central directory, before anything is inflated. */
export interface ZipLimits {
  maxUnzippedBytes: number;
  maxZipEntries: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;
const MIB = 2 ** 20;

/** Where the central directory starts and how many entries it says it has (ZIP64 included). */
function directory(buf: Buffer): { offset: number; entries: number } | undefined {
  // The end record is the last 22 bytes plus a comment of up to 65,535 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  let entries = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const loc = eocd - 20;
  if ((entries === 0xffff || offset === 0xffffffff) && loc >= 0 && buf.readUInt32LE(loc) === ZIP64_LOCATOR) {
    const record = Number(buf.readBigUInt64LE(loc + 8));
    if (record + 56 <= buf.length && buf.readUInt32LE(record) === ZIP64_EOCD) {
      entries = Number(buf.readBigUInt64LE(record + 32));
      offset = Number(buf.readBigUInt64LE(record + 48));
    }
  }
  return { offset, entries };
}

/** An entry's uncompressed size: the 32-bit field, or the ZIP64 extra field when that says 0xFFFFFFFF. */
function uncompressedSize(buf: Buffer, p: number): number {
  const size = buf.readUInt32LE(p + 24);
  if (size !== 0xffffffff) return size;
  const extraStart = p + 46 + buf.readUInt16LE(p + 28);
  const extraEnd = Math.min(buf.length, extraStart + buf.readUInt16LE(p + 30));
  for (let e = extraStart; e + 12 <= extraEnd; e += 4 + buf.readUInt16LE(e + 2)) {
    if (buf.readUInt16LE(e) === 0x0001) return Number(buf.readBigUInt64LE(e + 4));
  }
  return size;
}

/**
 * Refuses a ZIP whose entries would unpack to more than `maxUnzippedBytes`, or that holds more
 * than `maxZipEntries` files, reading only its central directory: a zip bomb is stopped before
 * JSZip or mammoth inflate a byte. A damaged directory is left for JSZip to report.
 */
export function checkZipLimits(data: Uint8Array, file: string, limits: ZipLimits): void {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const dir = directory(buf);
  if (!dir) return;
  const tooMany = (n: number) =>
    new InputError('E_TOO_LARGE', `the DOCX holds ${n} files, over the limit of ${limits.maxZipEntries} (limits.max-zip-entries)`, file);
  if (dir.entries > limits.maxZipEntries) throw tooMany(dir.entries);
  let total = 0;
  let count = 0;
  for (let p = dir.offset; p + 46 <= buf.length && buf.readUInt32LE(p) === CENTRAL_ENTRY; p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32)) {
    if (++count > limits.maxZipEntries) throw tooMany(count);
    total += uncompressedSize(buf, p);
    if (total > limits.maxUnzippedBytes) {
      throw new InputError(
        'E_TOO_LARGE',
        `the DOCX unpacks to more than ${Math.round(limits.maxUnzippedBytes / MIB)} MiB (limits.max-unzipped-mb); it is refused before unpacking`,
        file,
      );
    }
  }
}
