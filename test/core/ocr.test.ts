import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listDocuments, setAttributes } from '../../src/core/documents/index.js';
import { ingest, ocrDocuments } from '../../src/core/ingest/index.js';
import { search } from '../../src/core/search/index.js';
import { Db } from '../../src/core/store/index.js';
import { HAS_SHARED, SHARED, tempDir } from '../helpers.js';
import { scannedPdf, textImage } from './ocr-image.js';

const PAPER = path.join(SHARED, 'corpus', 'pdf', 'garbage_collection_the_lisp_ii_garbage_collector.pdf');
if (!HAS_SHARED) console.warn(`OCR of the scanned paper skipped: ${PAPER} is absent (../shared holds the real-world corpus)`);

// OCR runs on the calling thread (jobs 0) here; test/core/ocr-cli.test.ts runs it in the worker pool.
describe('ingest --ocr through the library', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = tempDir();
    db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!HAS_SHARED)('reads page 1 of the scanned LISP II paper into the document stored without text; search finds it on page 1', async () => {
    const plain = await ingest(db, [PAPER], { jobs: 0 });
    expect(plain.noText).toBe(1);
    expect(plain.noTextFiles[0]!.reason).toMatch(/litkit ingest --ocr/);
    const [before] = listDocuments(db);
    expect(search(db, 'garbage')).toEqual([]);

    // Page 1 only, to keep the test short (the paper has two pages).
    const ocr = await ingest(db, [PAPER], { jobs: 0, ocr: { languages: ['eng'], pages: [[1, 1]] } });
    expect(ocr).toMatchObject({ stored: 1, skipped: 0, noText: 0 });
    const [after] = listDocuments(db);
    expect(after).toMatchObject({ id: before!.id, status: 'ok', format: 'pdf', engine: 'pdfium+tesseract' });
    // The phrase as the typescript has it, line 15 of page 1 (bench/data/lisp-ii-gc-page1.txt).
    const hits = search(db, '"Relocating Garbage Collector as currently envisioned"');
    expect(hits.map((h) => [h.documentId, h.page])).toEqual([[before!.id, 1]]);
    const [read] = ocrDocuments(db);
    expect(read!.ocrPages.map((p) => p.page)).toEqual([1]);
    expect(read!.confidence).toBeGreaterThan(70);
    expect(db.sql.prepare('SELECT ocr FROM pages WHERE document_id = ? ORDER BY number').pluck().all(before!.id)).toEqual([1, 0]);
  });

  it('stores an image without text and a hint, then --ocr makes its text searchable on page 1', async () => {
    const png = path.join(dir, 'grievance-memo.png');
    fs.writeFileSync(png, textImage(['Staff in regional offices reported long delays', 'in grievance procedures and promotion reviews.']));
    const jpeg = path.join(dir, 'notice.jpg');
    fs.writeFileSync(jpeg, textImage(['Mentoring schemes were offered to junior staff.'], 'image/jpeg'));

    const plain = await ingest(db, [png], { jobs: 0, attributes: { batch: '1' } });
    expect(plain.noTextFiles).toEqual([{ path: png, reason: expect.stringMatching(/litkit ingest --ocr/) }]);
    setAttributes(db, [1], { title: 'Memo on grievances', type: 'memo' });

    const ocr = await ingest(db, [png, jpeg], { jobs: 0, ocr: { languages: ['eng'] } });
    expect(ocr).toMatchObject({ stored: 2, skipped: 0, failed: 0, ocrPages: 2 });
    expect(listDocuments(db).map((d) => [d.format, d.pages, d.status])).toEqual([['image', 1, 'ok'], ['image', 1, 'ok']]);
    // Read again in place: the same id, with what the user set meanwhile.
    expect(listDocuments(db)[0]).toMatchObject({ id: 1, title: 'Memo on grievances', attributes: { batch: '1', title: 'Memo on grievances', type: 'memo' } });
    expect(search(db, '"grievance procedures"').map((h) => [h.title, h.page])).toEqual([['Memo on grievances', 1]]);
    expect(search(db, 'mentoring').map((h) => h.documentId)).toEqual([listDocuments(db)[1]!.id]);
    expect(ocrDocuments(db).map((d) => d.ocrPages.length)).toEqual([1, 1]);
  });

  it('recognises the pages of a scanned PDF with two engines at once, each text on its own page', async () => {
    const pdf = path.join(dir, 'scan.pdf');
    await scannedPdf(pdf, [['Terms of reference for the staff survey'], ['Focus groups were held in each time zone']]);
    const s = await ingest(db, [pdf], { jobs: 0, ocr: { languages: ['eng'], engines: 2 } });
    expect(s).toMatchObject({ stored: 1, ocrPages: 2 });
    expect(ocrDocuments(db)[0]!.ocrPages.map((p) => p.page)).toEqual([1, 2]);
    expect(search(db, '"staff survey"').map((h) => h.page)).toEqual([1]);
    expect(search(db, '"focus groups"').map((h) => h.page)).toEqual([2]);
  });

  it('fails a file named .png that is no image, and a cut-off PNG, each alone with the cause', async () => {
    const fake = path.join(dir, 'a-fake.png');
    fs.writeFileSync(fake, 'this is text, not a picture');
    const cut = path.join(dir, 'b-cut.png');
    fs.writeFileSync(cut, textImage(['Half of this page never arrived']).subarray(0, 3000));
    const good = path.join(dir, 'c-good.png');
    fs.writeFileSync(good, textImage(['Exit interviews were recorded.']));
    const s = await ingest(db, [fake, cut, good], { jobs: 0, ocr: { languages: ['eng'] } });
    expect(s.failures).toEqual([
      { path: fake, code: 'E_CORRUPT', message: expect.stringMatching(/not a PNG, JPEG or TIFF/) },
      { path: cut, code: 'E_CORRUPT', message: expect.stringMatching(/the image cannot be read for OCR/) },
    ]);
    expect(search(db, 'interviews').map((h) => h.title)).toEqual([listDocuments(db)[0]!.title]);
  });
});
