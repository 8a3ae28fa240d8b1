import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/core/text/decode.js';
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

  it('drops author fields that name an account, and a university put after the authors', () => {
    // Real values from ../shared: a PDF whose Author is "106", a gnuplot figure's "rescrv",
    // Office's placeholder, and a LaTeX Author field with the affiliation after a semicolon.
    for (const account of ['106', 'rescrv', 'Microsoft Office User', 'Your User Name', 'avery@shazamteam.com']) {
      expect(completeMeta({ title: 'A title', authors: account }, '/x/a.pdf').authors, account).toBeUndefined();
    }
    expect(completeMeta({ title: 'A title', authors: 'Diego Ongaro, John Ousterhout; Stanford University' }, '/x/a.pdf').authors).toBe('Diego Ongaro, John Ousterhout');
    expect(completeMeta({ title: 'A title', authors: 'Human Resources Management Division' }, '/x/a.pdf').authors).toBe('Human Resources Management Division');
  });

  it('takes an identifier out of the title field: a DOI, an address, an arXiv stamp (and its year)', () => {
    expect(completeMeta({ title: 'doi:10.1016/j.tcs.2003.05.002', year: 2004 }, '/x/level-ancestor.pdf')).toEqual({
      title: 'Level ancestor', year: 2004, source: { doi: '10.1016/j.tcs.2003.05.002' },
    });
    expect(completeMeta({ title: 'http://ftp.squeak.org/docs/OOPSLA.Squeak.html' }, '/x/squeak.pdf').source).toEqual({ url: 'http://ftp.squeak.org/docs/OOPSLA.Squeak.html' });
    expect(completeMeta({ title: 'arXiv:math/0411343v1  [math.DS]  15 Nov 2004', year: 2018 }, '/x/overview.pdf')).toEqual({
      title: 'Overview', year: 2004, source: { url: 'https://arxiv.org/abs/math/0411343v1' },
    });
  });
});
