import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { pageText } from '../../src/core/ingest/ocr/layout.js';
import { parseOcrLanguages, parsePageRanges, wordAccuracy } from '../../src/core/ingest/ocr/index.js';

describe('the OCR options', () => {
  it('reads page ranges and refuses what is not one', () => {
    expect(parsePageRanges('1-3, 7,9-')).toEqual([[1, 3], [7, 7], [9, Number.MAX_SAFE_INTEGER]]);
    for (const bad of ['0', '3-1', 'a', '1,,2', '']) expect(() => parsePageRanges(bad), bad).toThrow(UsageError);
  });

  it('takes the installed languages, joined with +, and names one that is not', () => {
    expect(parseOcrLanguages('eng+FRA')).toEqual(['eng', 'fra']);
    expect(() => parseOcrLanguages('eng+deu')).toThrow(/no recognition data for "deu"; litkit has eng, fra/);
  });
});

describe('word accuracy', () => {
  it('is one minus the word edit distance over the reference words', () => {
    // "quick" misread (1 substitution) and "jumps" added (1 insertion): 2 errors over 4 words.
    expect(wordAccuracy('the quick brown fox', 'the quiek brown fox jumps')).toEqual({ words: 4, errors: 2, accuracy: 0.5 });
    expect(wordAccuracy('LISP II will', '“LISP IT will.”')).toMatchObject({ errors: 1 });
    expect(wordAccuracy('binary pro-\ngrams and', 'binary programs and').accuracy).toBe(1);
  });
});

describe('page text from recognised lines', () => {
  const line = (top: number, ...words: [string, number][]) => ({ top, bottom: top + 30, words: words.map(([text, confidence]) => ({ text, confidence })) });

  it('drops specks at line edges and breaks paragraphs at wide gaps', () => {
    const text = pageText([
      line(100, ['’', 16], ['Motivation', 95]),
      line(180, [':', 15], ['The', 96], ['present', 96], ['program,', 95]),
      line(225, ['tT', 17], ['collector', 95], ['has', 95], ['|', 60]),
      line(270, ['list', 90], ['structure', 92]),
      line(315, ['and', 90], ['arrays.', 92]),
      line(445, ['Marking', 95]),
    ]);
    // Line gaps of 15 px are the page's usual spacing; 50 and 100 px are breaks.
    expect(text).toBe('Motivation\n\nThe present program,\ncollector has\nlist structure\nand arrays.\n\nMarking');
  });
});
