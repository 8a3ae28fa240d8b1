import { describe, expect, it } from 'vitest';
import { segmentPages } from '../../src/core/ingest/segment.js';

const texts = (pages: string[], format: 'pdf' | 'txt') =>
  segmentPages(pages, format).map((s) => ({ page: s.page, text: pages[s.page - 1]!.slice(s.start, s.end) }));

describe('segmentPages', () => {
  it('splits at blank lines, trims, and keeps page numbers and exact offsets', () => {
    const pages = ['  First paragraph.\n\nSecond one\nwrapped.  \n\n\n', 'Third on page two.'];
    expect(texts(pages, 'txt')).toEqual([
      { page: 1, text: 'First paragraph.' },
      { page: 1, text: 'Second one\nwrapped.' },
      { page: 2, text: 'Third on page two.' },
    ]);
  });

  it('finds paragraph ends in PDF text by short last lines, and starts a paragraph at each bullet', () => {
    const full = 'x'.repeat(70);
    const page = [
      `${full} one`, `${full} two`, 'Short end.',
      `${full} three`, `${full} four.`, '• A bullet item', '• Another item', `${full} five`, 'last line',
    ].join('\n');
    const got = texts([page], 'pdf').map((s) => s.text.split('\n').length);
    expect(got).toEqual([3, 2, 1, 1, 2]);
  });

  it('cuts a paragraph longer than 1,500 characters at sentence ends', () => {
    const sentence = 'This sentence is about recruitment and selection of staff in offices. ';
    const page = sentence.repeat(60).trim();
    const segs = texts([page], 'txt');
    expect(segs.length).toBeGreaterThan(2);
    for (const s of segs) {
      expect(s.text.length).toBeLessThanOrEqual(1500);
      expect(s.text.endsWith('.')).toBe(true);
    }
    expect(segs.map((s) => s.text).join(' ')).toBe(page);
  });

  it('makes no segment of text without letters (page numbers, rules)', () => {
    expect(texts(['12\n\n— — —\n\nReal text.'], 'txt')).toEqual([{ page: 1, text: 'Real text.' }]);
  });
});
