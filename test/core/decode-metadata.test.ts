import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/core/ingest/decode.js';
import { completeMeta, titleFromFileName, yearFrom } from '../../src/core/ingest/metadata.js';

describe('decodeText', () => {
  it('maps Windows-1252 bytes 0x80-0x9F to the characters they stand for, not to control codes', () => {
    expect(decodeText(Buffer.from([0x93, 0x41, 0x94, 0x20, 0x96, 0x20, 0x80, 0x20, 0x92]))).toEqual({
      text: '“A” – € ’',
      encoding: 'windows-1252',
    });
  });

  it('recognises UTF-16 LE without a BOM from its NUL bytes', () => {
    expect(decodeText(Buffer.from('Plain English text', 'utf16le'))).toEqual({ text: 'Plain English text', encoding: 'utf-16le' });
  });

  it('prefers UTF-8 when the bytes are valid UTF-8', () => {
    expect(decodeText(Buffer.from('café ✓'))).toEqual({ text: 'café ✓', encoding: 'utf-8' });
  });
});

describe('metadata', () => {
  it('reads years from PDF dates, ISO dates and file names', () => {
    expect(yearFrom('D:20240315090000Z')).toBe(2024);
    expect(yearFrom('2019-07-01T00:00:00Z')).toBe(2019);
    expect(yearFrom('Mon Mar 25 14:30:13 2013')).toBe(2013);
    expect(yearFrom('annual-report-2021.pdf')).toBe(2021);
    expect(yearFrom('report 12345.pdf')).toBeUndefined();
  });

  it('replaces junk titles with one made from the file name', () => {
    expect(titleFromFileName('/x/distributed_systems_end-to-end-arguments.pdf')).toBe('Distributed systems end to end arguments');
    expect(completeMeta({ title: 'Microsoft Word - draft3.doc' }, '/x/2020_staff-survey.pdf')).toEqual({
      title: 'Staff survey',
      authors: undefined,
      year: 2020,
    });
    expect(completeMeta({ title: '  Real   Title ', year: 2001 }, '/x/y-1999.pdf')).toMatchObject({ title: 'Real Title', year: 2001 });
  });
});
