import fs from 'node:fs';

/**
 * Writes a large file in chunks through a file descriptor, so a 100,000-coding project is never
 * one string in memory; synchronous because the rows come from synchronous SQLite iterators.
 */
export class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;
  bytes = 0;
  private readonly fd: number;

  constructor(file: string) {
    this.fd = fs.openSync(file, 'w');
  }

  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (!this.parts.length) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    fs.writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}
