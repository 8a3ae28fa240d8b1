import { describe, expect, it } from 'vitest';
import { normalisePages } from '../../src/core/ingest/normalise.js';

describe('normalisePages', () => {
  it('re-joins a word broken at a line end and moves the rest of the line down', () => {
    expect(normalisePages(['The recruit-\nment process is fair.'])).toEqual(['The recruitment\nprocess is fair.']);
  });

  it('keeps the hyphen of a compound the document writes with a hyphen elsewhere, even on another page', () => {
    expect(normalisePages(['a long-\nterm view', 'the long-term plan'])).toEqual(['a long-term\nview', 'the long-term plan']);
  });

  it('leaves a hyphen before a capitalised word (a name or a new item) alone', () => {
    expect(normalisePages(['Afro-\nCaribbean staff'])).toEqual(['Afro-\nCaribbean staff']);
  });

  it('expands ligatures, drops soft hyphens and control characters, and folds odd spaces', () => {
    expect(normalisePages(['e\uFB03cient \uFB02ow of \uFB01les\u00AD\u0007 and\u00A0more\r\nlines\ttab'])).toEqual([
      'efficient flow of files and more\nlines tab',
    ]);
  });
});
