import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addCoding, getCoding } from '../../src/core/coding/index.js';
import { detect, redactDocuments, redactText, redactionReports } from '../../src/core/privacy/index.js';
import type { Db } from '../../src/core/store/index.js';
import { HAS_SHARED, SHARED } from '../helpers.js';
import { projectWith } from './privacy-fixture.js';

const TRANSCRIPT = `Focus group, Gaziantep

Maria Lopez: I came in 2019 and registered at the office. Call me on +90 342 215 0011 or write to maria.lopez@example.org.

Interviewer: What happened next?

Maria Lopez: My staff no. 4471234 was cancelled, see A/RES/70/1, pp. 123-145, ISBN 978-3-16-148410-0, 45% of cases.

Ahmed Khan said the case officer helped; 0791 234 567 was the hotline.
`;

const kinds = (text: string, names?: string[]) => detect(text, { names }).map((f) => `${f.kind} ${text.slice(f.start, f.end)}`);

describe('the personal-data detector', () => {
  it('finds e-mails, phones, staff numbers, listed names and speakers, and nothing in years, page ranges, ISBNs or UN symbols', () => {
    expect(kinds(TRANSCRIPT, ['Ahmed Khan'])).toEqual([
      'NAME Maria Lopez',
      'PHONE +90 342 215 0011',
      'EMAIL maria.lopez@example.org',
      'NAME Maria Lopez',
      'ID 4471234',
      'NAME Ahmed Khan',
      'PHONE 0791 234 567',
    ]);
  });

  it('leaves labels that are words of the text alone (Proof:, Note:) and one-off labels', () => {
    const maths = 'Proof: by induction.\n\nProof: the base case holds, and the proof goes on.\n\nNote: see above.\n\nNote: again.';
    expect(detect(maths)).toEqual([]);
    expect(detect('In case 2020 repeats, registration 2021 and file 1234 are read again.')).toEqual([]);
  });

  it('numbers speakers, so that a masked transcript still tells its speakers apart', () => {
    const t = 'Amina Said: We left.\n\nJohn Ode: When?\n\nAmina Said: In May.\n\nJohn Ode: Why?\n\nInterviewer: Go on.\n\nInterviewer: And John?';
    expect(redactText(t).text).toBe('[NAME 1]: We left.\n\n[NAME 2]: When?\n\n[NAME 1]: In May.\n\n[NAME 2]: Why?\n\nInterviewer: Go on.\n\nInterviewer: And [NAME 2]?');
  });

  it('masks with typed placeholders and maps offsets across them', () => {
    const m = redactText('Write to a.b@un.org today.');
    expect(m.text).toBe('Write to [EMAIL] today.');
    expect(m.map(9, 'start')).toBe(9);
    expect(m.map(14, 'end')).toBe(16); // inside the address: the mask's end
    expect(m.map(26, 'end')).toBe(23); // after it: shifted by the length difference
  });

  it('takes linear time on hostile runs of letters and dots (a page of one long "word")', () => {
    const started = performance.now();
    for (const text of [`${'a'.repeat(200_000)}@`, `x@${'a.'.repeat(100_000)}1`, `Tel ${'1 '.repeat(50_000)}x`, `staff no. ${'1'.repeat(100_000)}x`]) detect(text);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(kinds('Write to first.last@sub.dept.example.co.uk today')).toEqual(['EMAIL first.last@sub.dept.example.co.uk']);
  });

  it.skipIf(!HAS_SHARED)('masks no year, percentage or document symbol in the real coding-gold passages', () => {
    const gold = fs.readFileSync(path.join(SHARED, 'coding-gold', 'dev.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text: string });
    const masked = gold.flatMap((g) => detect(g.text).map((f) => g.text.slice(f.start, f.end)));
    expect(gold.length).toBeGreaterThan(100);
    for (const value of masked) expect(value).not.toMatch(/^(19|20)\d\d$|%|^[A-Z]+\/[A-Z0-9/.]+$/);
    expect(masked.length).toBeLessThan(5);
  });
});

describe('ingest --redact and redact', () => {
  let db: Db;
  let dir: string;
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores, indexes and titles only masked text, and stores the report (counts, not values)', async () => {
    ({ db, dir } = await projectWith({ 'maria-lopez-interview.txt': TRANSCRIPT }, { names: ['Ahmed Khan'] }));
    const pages = db.sql.prepare('SELECT text FROM pages').pluck().all().join('\n');
    expect(pages).toContain('[NAME 1]: I came in 2019'); // speakers numbered, so turns stay apart
    for (const secret of ['Maria', 'Lopez', 'maria.lopez', '4471234', '215 0011', 'Ahmed', 'Khan']) {
      expect(pages).not.toContain(secret);
      expect(db.sql.prepare('SELECT count(*) FROM segments WHERE text LIKE ?').pluck().get(`%${secret}%`)).toBe(0);
    }
    expect(db.sql.prepare("SELECT count(*) FROM segments_fts WHERE segments_fts MATCH 'lopez OR maria OR khan'").pluck().get()).toBe(0);
    expect(pages).toContain('A/RES/70/1, pp. 123-145, ISBN 978-3-16-148410-0, 45%');
    // Segments are still exactly their page's text between their offsets.
    const bad = db.sql.prepare('SELECT count(*) FROM segments s JOIN pages p ON p.document_id = s.document_id AND p.number = s.page WHERE slice16(p.text, s.start, s.end) <> s.text').pluck().get();
    expect(bad).toBe(0);
    const [report] = redactionReports(db);
    expect(report!.counts).toEqual({ EMAIL: 1, PHONE: 2, ID: 1, NAME: 3 });
    // The masked speaker is still a speaker: turns stay theirs, under the mask.
    const speakers = db.sql.prepare("SELECT label FROM cases WHERE kind = 'speaker' ORDER BY label").pluck().all();
    expect(speakers).toEqual(['Interviewer', '[NAME 1]']);
  });

  it('rewrites a stored document with its codings moved across the masks, and the old text leaves the file', async () => {
    ({ db, dir } = await projectWith({ 'interview.txt': TRANSCRIPT }));
    const docId = db.sql.prepare('SELECT id FROM documents').pluck().get() as number;
    const coding = addCoding(db, 'contact', { quote: 'or write to maria.lopez@example.org.', documentId: docId }, 'amina');
    const after = addCoding(db, 'contact', { quote: 'the case officer helped', documentId: docId }, 'amina');
    const [r] = redactDocuments(db, [docId], { names: [], patterns: ['Gaziantep'] });
    // Gaziantep twice (the page and the title it gave), the staff number once.
    expect(r!.counts).toEqual({ EMAIL: 1, PHONE: 2, ID: 3, NAME: 2 });
    expect(db.sql.prepare('SELECT title FROM documents').pluck().get()).toBe('Focus group, [ID]');
    const quote = (id: number) => {
      const c = getCoding(db, id);
      const page = db.sql.prepare('SELECT text FROM pages WHERE document_id = ? AND number = ?').pluck().get(docId, c.page) as string;
      return page.slice(c.start, c.end);
    };
    expect(quote(coding.id)).toBe('or write to [EMAIL].');
    expect(quote(after.id)).toBe('the case officer helped');
    db.close();
    const bytes = fs.readFileSync(path.join(dir, 'litkit.sqlite'));
    expect(bytes.includes('maria.lopez@example.org')).toBe(false);
    expect(bytes.includes('Gaziantep')).toBe(false);
    db = (await import('../../src/core/store/index.js')).Db.open(path.join(dir, 'litkit.sqlite'));
  });
});
