import fs from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import PDFDocument from 'pdfkit';

/**
 * A page of typed text as an image, drawn at test time: lines of 40 px type (about 10 pt at
 * 300 dpi), black on white, as a scanner would give a clean page.
 */
export function textImage(lines: string[], type: 'image/png' | 'image/jpeg' = 'image/png'): Buffer {
  const canvas = createCanvas(1600, 120 + lines.length * 70);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = 'black';
  ctx.font = '40px sans-serif';
  lines.forEach((line, i) => ctx.fillText(line, 60, 100 + i * 70));
  return type === 'image/png' ? canvas.toBuffer('image/png') : canvas.toBuffer('image/jpeg');
}

/** A PDF of scanned pages: each page only an image of typed lines, with no text layer. */
export function scannedPdf(file: string, pages: string[][]): Promise<void> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ autoFirstPage: false });
    const out = fs.createWriteStream(file);
    doc.pipe(out);
    for (const lines of pages) {
      doc.addPage({ size: 'A4', margin: 0 });
      doc.image(textImage(lines), 40, 60, { width: 515 });
    }
    doc.end();
    out.on('finish', () => resolve());
    out.on('error', reject);
  });
}
