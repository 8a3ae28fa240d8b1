import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

interface Entry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

const FLAGS = 0x0808; // bit 3: sizes in a data descriptor after the data; bit 11: UTF-8 names
const DEFLATE = 8;
const LIMIT = 0xffffffff;
// zlib level 3: measured on bench/interop.js, about twice as fast as the default 6 for a zip 8% larger.
const LEVEL = 3;

/** MS-DOS time and date, as zip headers store them. */
function dosDateTime(d: Date): { time: number; date: number } {
  return { time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1), date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate() };
}

/**
 * A zip archive written entry by entry through Node's native deflate: small entries from memory
 * (synchronously, so a loop over SQLite rows can add them as it goes), large ones streamed from
 * a file, so memory stays flat however large the project (JSZip's JavaScript deflate took most
 * of an export's time in bench/interop.js). Plain zip, no ZIP64: up to 65,535 entries and 4 GiB,
 * far beyond a QDPX's size.
 */
export class ZipWriter {
  private readonly entries: Entry[] = [];
  private offset = 0;
  private readonly fd: number;
  private readonly stamp = dosDateTime(new Date());

  constructor(file: string) {
    this.fd = fs.openSync(file, 'w');
  }

  private put(buf: Buffer): void {
    fs.writeSync(this.fd, buf);
    this.offset += buf.length;
  }

  private begin(name: string): Entry {
    if (this.entries.length === 0xffff) throw new Error('more than 65,535 files for a zip without ZIP64');
    const entry: Entry = { name: Buffer.from(name, 'utf8'), crc: 0, compressed: 0, size: 0, offset: this.offset };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    header.writeUInt16LE(entry.name.length, 26);
    this.put(header);
    this.put(entry.name);
    return entry;
  }

  private finish(entry: Entry): void {
    if (entry.size > LIMIT || entry.compressed > LIMIT || this.offset > LIMIT) throw new Error('a zip without ZIP64 holds at most 4 GiB');
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    this.put(descriptor);
    this.entries.push(entry);
  }

  /** Adds `data` under `name`, deflated. */
  addBuffer(name: string, data: Buffer): void {
    const entry = this.begin(name);
    const compressed = zlib.deflateRawSync(data, { level: LEVEL });
    entry.crc = zlib.crc32(data);
    entry.size = data.length;
    entry.compressed = compressed.length;
    this.put(compressed);
    this.finish(entry);
  }

  /** Adds the file at `file` under `name`, deflated as it streams. */
  async addFile(name: string, file: string): Promise<void> {
    const entry = this.begin(name);
    const source = fs.createReadStream(file);
    source.on('data', (chunk) => {
      const b = chunk as Buffer;
      entry.crc = zlib.crc32(b, entry.crc);
      entry.size += b.length;
    });
    await pipeline(source, zlib.createDeflateRaw({ level: LEVEL }), async (chunks: AsyncIterable<Buffer>) => {
      for await (const c of chunks) {
        entry.compressed += c.length;
        this.put(c);
      }
    });
    this.finish(entry);
  }

  /** Writes the central directory and closes the file. */
  close(): void {
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(FLAGS, 8);
      h.writeUInt16LE(DEFLATE, 10);
      h.writeUInt16LE(this.stamp.time, 12);
      h.writeUInt16LE(this.stamp.date, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      this.put(h);
      this.put(e.name);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.put(end);
    fs.closeSync(this.fd);
  }

  /** Stops writing after a failure; the caller removes the file. */
  abort(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}
