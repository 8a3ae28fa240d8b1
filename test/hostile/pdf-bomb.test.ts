import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../src/core/ingest/index.js';
import { Db, initProject } from '../../src/core/store/index.js';
import { setSetting } from '../../src/core/store/settings.js';
import { tempDir } from '../helpers.js';

/** A one-page PDF whose content stream says Hello, padded with `padding` spaces, Flate-compressed. */
function pdfWithContent(padding: number): Buffer {
  const content = zlib.deflateSync(Buffer.concat([Buffer.from('BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n'), Buffer.alloc(padding, 0x20)]));
  const objects = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>'),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`), content, Buffer.from('\nendstream')]),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let size = parts[0]!.length;
  objects.forEach((o, i) => {
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    offsets.push(size);
    size += obj.length;
    parts.push(obj);
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`));
  return Buffer.concat(parts);
}

describe('a PDF that inflates far past its size', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = tempDir();
    db = Db.open(initProject(dir).file);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const file = (name: string, padding: number) => {
    fs.writeFileSync(path.join(dir, name), pdfWithContent(padding));
    return path.join(dir, name);
  };

  it('is refused before an engine reads it, one line naming the limit, and the rest are stored', async () => {
    const bomb = file('bomb.pdf', 80 * 2 ** 20); // 80 MiB of content in an 80 KB file
    const fine = file('fine.pdf', 1000);
    expect(fs.statSync(bomb).size).toBeLessThan(200_000);
    const started = performance.now();
    const summary = await ingest(db, [bomb, fine], { jobs: 0 });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(summary.failures.map((f) => [path.basename(f.path), f.code, f.message])).toEqual([
      ['bomb.pdf', 'E_TOO_LARGE', 'a stream of the PDF unpacks to more than 64 MiB; it is refused before reading'],
    ]);
    expect(summary.stored).toBe(1);
    expect(db.sql.prepare('SELECT text FROM pages').pluck().all()).toEqual([expect.stringContaining('Hello')]);
  });

  it('counts every stream against limits.max-unzipped-mb', async () => {
    setSetting(db, 'limits.max-unzipped-mb', '1');
    const summary = await ingest(db, [file('two-mib.pdf', 2 * 2 ** 20)], { jobs: 0 });
    expect(summary.failures.map((f) => `${f.code}: ${f.message}`)).toEqual([
      "E_TOO_LARGE: the PDF's compressed streams unpack to more than 1 MiB (limits.max-unzipped-mb); it is refused before reading",
    ]);
  });

  it('refuses a PDF over limits.max-pdf-pages before reading a page, with either engine', async () => {
    setSetting(db, 'limits.max-pdf-pages', '1');
    const two = file('two-pages.pdf', 10);
    // The same one-page file, made to declare its page twice.
    fs.writeFileSync(two, fs.readFileSync(two, 'latin1').replace('/Kids [3 0 R] /Count 1', '/Kids [3 0 R 3 0 R] /Count 2'), 'latin1');
    for (const pdfEngine of ['pdfium', 'pdf-parse'] as const) {
      const summary = await ingest(db, [two], { jobs: 0, pdfEngine });
      expect(summary.failures.map((f) => `${f.code}: ${f.message}`)).toEqual(['E_TOO_LARGE: the PDF has 2 pages, over the limit of 1 (limits.max-pdf-pages)']);
    }
  });
});
