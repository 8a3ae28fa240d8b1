import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/core/ingest/index.js';
import { Db } from '../../src/core/store/index.js';
import { readTor, TorError } from '../../src/core/tor/index.js';
import { CORPUS, HAS_SHARED, SHARED, tempDir } from '../helpers.js';

// The two real terms of reference of ../shared/seeds, read as a consultant would feed them.
// Expected values are counted by hand from the files (line numbers of the .txt in brackets).
describe.skipIf(!HAS_SHARED)('reading the real terms of reference in ../shared/seeds', () => {
  let dir: string;
  let db: Db;
  const idOf = (file: string) => db.sql.prepare('SELECT id FROM documents WHERE source_path LIKE ?').pluck().get(`%${file}`) as number;

  beforeAll(async () => {
    dir = tempDir();
    db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
    await ingest(db, [path.join(SHARED, 'seeds'), path.join(CORPUS, 'reports', 'workforce-data-note.txt')], { jobs: 0 });
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds the race-equality review’s activities with their numbers, written in words or digits', () => {
    const tor = readTor(db, idOf('terms-of-reference-race-equality-review.txt'));
    const counted = Object.fromEntries(tor.activities.filter((a) => a.count !== null).map((a) => [a.kind, `${a.atLeast ? '>=' : ''}${a.count}`]));
    // three roundtables (26), a survey and two webinars (32), at least three focus groups (34),
    // at least 15 interviews (36), at least one + two workshops (53).
    expect(counted).toEqual({ roundtables: '3', survey: '1', webinars: '2', 'focus-groups': '>=3', interviews: '>=15', workshops: '>=3' });
    // The uncounted tasks: work plan (22), preliminary consultations (24), literature review (28),
    // analysis of IOM data (30), presenting the report (53); none twice.
    expect(tor.activities.map((a) => a.kind).sort()).toEqual(['consultations', 'data-analysis', 'desk-review', 'focus-groups', 'interviews', 'planning', 'presentations', 'roundtables', 'survey', 'webinars', 'workshops']);
    expect(tor.activities.find((a) => a.kind === 'workshops')!.countText).toBe('at least one virtual anti-racism training workshop … two virtual anti-racism training workshops');
    // Item 3 is the paragraph a reader counts seventh: four paragraphs of introduction, then items 1 to 3.
    expect(tor.activities.find((a) => a.kind === 'roundtables')!.citation).toMatch(/, para\. 7$/);
  });

  it('reads its duration, start, objective, report contents and deliverables; it asks no questions', () => {
    const tor = readTor(db, idOf('terms-of-reference-race-equality-review.txt'));
    expect(tor.timeline.duration).toMatchObject({ amount: 6, unit: 'months', weeks: 26 });
    expect(tor.timeline.startText).toBe('As soon as possible');
    expect(tor.organisation).toBe('International Organization For Migration (IOM)');
    expect(tor.assignment).toBe('External Review of Race Equality and Equity in Iom');
    expect(tor.objectives.map((o) => o.text)).toEqual([expect.stringMatching(/^Through this consultancy, GSAC seeks to develop a five-year global Anti-Racism Strategy/)]);
    expect(tor.questions).toEqual([]);
    // The report's contents a. to f. (39-49), a. split off the paragraph it is run into.
    expect(tor.scope.map((s) => s.text.slice(0, 22))).toEqual(['definitions of “race” ', 'an Analysis of staff m', 'an examination of raci', 'an analysis of critica', 'an interrogation of in', 'concrete recommendatio']);
    expect(tor.deliverables.map((d) => d.name)).toEqual(['Implementation plan and timeline', 'Report']);
  });

  it('finds the data-standards assessment’s 7 guiding questions, its 4 dated deliverables and 3 months', () => {
    const tor = readTor(db, idOf('terms-of-reference-data-standards-assessment.txt'));
    expect(tor.questions.map((q) => q.text.slice(0, 30))).toEqual([
      'What are the specific needs th', 'How would it do so?', 'What should it include? (cf. a', 'What is the gap to be filled?',
      'How does it relate to other to', 'What programming activities co', 'What are key recommendations f',
    ]);
    expect(tor.deliverables.map((d) => [d.name, d.due.map((x) => `${x.label} ${x.when.date}`)])).toEqual([
      ['Mapping', ['due 2022-03-31']],
      ['Two-page concept note', ['due 2022-03-31']],
      ['Report', ['first draft 2022-05-15', 'final draft 2022-06-15']],
      ['Draft project proposal', ['first draft 2022-04-30', 'final draft 2022-04-30']],
    ]);
    expect(tor.timeline.duration).toMatchObject({ amount: 3, unit: 'months', weeks: 13 });
    expect(tor.activities.map((a) => a.kind)).toEqual(['mapping', 'consultations', 'review']);
    // Qualifications, competencies and "how to apply" are no part of the work.
    expect(JSON.stringify(tor)).not.toMatch(/master’s degree|competency-based interview|e-Recruitment/);
  });

  it('refuses a document with no terms of reference in it, as a usage error', () => {
    const note = idOf('workforce-data-note.txt');
    expect(() => readTor(db, note)).toThrow(TorError);
    try {
      readTor(db, note);
    } catch (err) {
      expect((err as TorError).exitCode).toBe(2);
      expect((err as TorError).line()).toMatch(/^litkit: .*workforce-data-note\.txt: document \d+ \(".*"\) has no recognisable terms of reference .* \(E_NOT_TOR\)$/);
    }
  });
});
