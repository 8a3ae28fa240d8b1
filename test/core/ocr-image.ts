import { createCanvas } from '@napi-rs/canvas';

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
