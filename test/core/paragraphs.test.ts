import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSegments } from '../../src/core/documents/index.js';
import { ingest } from '../../src/core/ingest/index.js';
import { segmentPages } from '../../src/core/ingest/segment.js';
import { search } from '../../src/core/search/index.js';
import { Db } from '../../src/core/store/index.js';
import { HAS_SHARED, SHARED, tempDir } from '../helpers.js';

/** Re-wraps every blank-line-separated block at `width` columns, as a plain-text export does. */
function hardWrap(text: string, width: number): string {
  return text
    .split(/\n[ \t]*\n/)
    .map((block) => {
      const lines: string[] = [];
      let line = '';
      for (const w of block.split(/\s+/).filter(Boolean)) {
        if (line && line.length + 1 + w.length > width) {
          lines.push(line);
          line = w;
        } else line = line ? `${line} ${w}` : w;
      }
      return [...lines, line].join('\n');
    })
    .join('\n\n');
}

describe('reader paragraph numbers', () => {
  it('joins hard-wrapped lines, skips titles, headings and source lines, and gives the pieces of a long paragraph one number', () => {
    const long = 'Staff who reported racism were asked what happened next, and most said that nothing did. '.repeat(20).trim();
    const page = [
      'Technical note on diversity data',
      'Human Resources Management Division, 2022',
      '',
      '1. Purpose',
      'This note explains how the Agency will collect, protect and use data on',
      'the race and ethnicity of its staff.',
      '',
      hardWrap(long, 70),
      '',
      'Source: https://example.org/hr/diversity-note',
      '',
      'A last paragraph, after the source line.',
    ].join('\n');
    const segs = segmentPages([page], 'txt').map((s) => ({ kind: s.kind, para: s.para, text: page.slice(s.start, s.end) }));
    expect(segs.map((s) => [s.kind, s.para])).toEqual([
      ['heading', null], ['heading', null],
      ['body', 1],
      ['body', 2], ['body', 2],
      ['reference', null],
      ['body', 3],
    ]);
    expect(segs[2]!.text).toBe('This note explains how the Agency will collect, protect and use data on\nthe race and ethnicity of its staff.');
  });

  it('numbers paragraphs per page in paged documents', () => {
    const segs = segmentPages(['First page, first paragraph.\n\nFirst page, second paragraph.', 'Second page, first paragraph.'], 'txt');
    expect(segs.map((s) => [s.page, s.para])).toEqual([[1, 1], [1, 2], [2, 1]]);
  });
});

describe.skipIf(!HAS_SHARED)('citations of real quotes use the paragraph a reader counts', () => {
  let dir: string;
  let db: Db;
  const seed = path.join(SHARED, 'seeds', 'terms-of-reference-data-standards-assessment.txt');
  beforeAll(async () => {
    dir = tempDir();
    // The same terms of reference as published (a paragraph per line) and hard-wrapped at 60 columns.
    const wrapped = path.join(dir, 'wrapped.txt');
    fs.writeFileSync(wrapped, hardWrap(fs.readFileSync(seed, 'utf8'), 60));
    db = Db.open(path.join(dir, 'p.sqlite'), { create: true });
    await ingest(db, [seed, wrapped], { jobs: 0 });
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Counted by hand in the file: after the title and six "Field: value" lines, "Established in
  // 1951" is paragraph 1; every bullet counts; headings and field lines do not.
  const cases: [string, number][] = [
    ['"Established in 1951"', 1],
    ['"Both consultants will be expected to coordinate"', 8],
    ['"What is the gap to be filled"', 18],
    ['"Proficiency of language"', 37],
    ['"Vacancies close at 23:59"', 54],
    ['"does not charge a fee at any stage"', 59],
  ];

  it.each(cases)('cites %s as para. %i, hard-wrapped or not', (quote, para) => {
    const hits = search(db, quote);
    expect(hits).toHaveLength(2);
    for (const hit of hits) expect(hit.citation).toMatch(new RegExp(`, para\\. ${para}$`));
  });

  it('cites a heading or a field line by the paragraph it introduces', () => {
    expect(search(db, '"How to apply"')[0]!.citation).toMatch(/, para\. 55$/);
    expect(search(db, '"Closing Date"')[0]!.citation).toMatch(/, para\. 1$/);
    const [doc] = db.sql.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as number[];
    const headings = listSegments(db, doc!, { kinds: ['heading'] });
    expect(headings.every((h) => h.para === null)).toBe(true);
    expect(headings.find((h) => h.text === 'How to apply')!.citation).toMatch(/, para\. 55$/);
  });
});
