import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaCounts } from '../../src/core/review/prisma.js';
import { type CliResult, HAS_SHARED, litkit, litkitJson, SHARED, tempProject } from '../helpers.js';

interface Imported {
  imported: number;
  problems: { line: number; message: string }[];
}

// A hand-made export: 1 and 2 share a DOI (cased differently), 3 repeats 1's title, year and first
// author without a DOI, 4 is 1's title with a typo, 5 has a similar title but is another study
// (another year and author), 6 stands alone.
const HAND_MADE = `TY  - JOUR
TI  - Racial discrimination in hiring: a field experiment
AU  - Smith, Anna
PY  - 2020
DO  - 10.1000/ABC.123
AB  - A field experiment with matched applications.
ER  -
TY  - JOUR
TI  - Racial discrimination in hiring: A field experiment.
AU  - Smith, A.
PY  - 2020
DO  - https://doi.org/10.1000/abc.123
ER  -
TY  - JOUR
TI  - Racial Discrimination in Hiring - A Field Experiment
AU  - Smith, Anna
PY  - 2020
ER  -
TY  - JOUR
TI  - Racial discrimination in hirng: a field experiment
AU  - Smyth, Anna
PY  - 2021
ER  -
TY  - JOUR
TI  - Gender discrimination in hiring: a field experiment
AU  - Jones, Bo
PY  - 2015
ER  -
TY  - JOUR
TI  - Mentoring programmes for staff of African descent
AU  - Okafor, Chidi
PY  - 2022
ER  -
`;

type Run = (args: string[], input?: string) => Promise<CliResult>;
type Step = (run: Run) => Promise<unknown>;

/**
 * A project for each test of a review flow: a fresh one with the flow's files written and its
 * earlier steps replayed (without their assertions), so that every test runs alone, in any order.
 */
function reviewFlow(files: () => Record<string, string | Buffer>, steps: Step[]) {
  let project = '';
  const run: Run = async (args, input) => await litkit(args, { cwd: project, input });
  const json = async <T>(args: string[]) => (await litkitJson<T>(args, { cwd: project })).data;
  const file = (name: string) => path.join(project, name);
  /** Starts a test at step `n` (0: nothing replayed). */
  const at = async (n: number) => {
    project = await tempProject();
    for (const [name, text] of Object.entries(files())) fs.writeFileSync(file(name), text);
    for (const step of steps.slice(0, n)) await step(run);
  };
  afterEach(() => {
    if (project) fs.rmSync(project, { recursive: true, force: true });
  });
  return { run, json, file, at };
}

const BIB = '@article{smith2020,\n  title = {Racial discrimination in hiring},\n  author = {Smith, Anna and Jones, Bo},\n  year = {2020},\n  doi = {10.1000/XYZ}\n}\n\n@book{untitled,\n  author = {X, Y},\n  year = {2001}\n}\n';

describe('records, de-duplication, screening and PRISMA', () => {
  const { run, json, at } = reviewFlow(() => ({ 'hand-made.ris': HAND_MADE, 'refs.bib': BIB }), [
    async (run) => {
      await run(['records', 'import', 'hand-made.ris', '--source', 'Hand']);
      await run(['records', 'dedupe']);
    },
    async (run) => {
      await run(['records', 'import', 'refs.bib', '--source', 'Bib']);
      await run(['records', 'dedupe']);
    },
  ]);

  it('finds the duplicates of a hand-made set and keeps the most complete record; --undo reverses it', async () => {
    await at(0);
    expect((await json<Imported>(['records', 'import', 'hand-made.ris', '--source', 'Hand'])).imported).toBe(6);
    const dry = await json<{ groups: { kept: number; duplicates: { id: number; reason: string }[] }[]; duplicates: number }>(['records', 'dedupe', '--dry-run']);
    expect(dry.groups).toEqual([
      {
        kept: 1,
        title: 'Racial discrimination in hiring: a field experiment',
        duplicates: [
          { id: 2, reason: 'same DOI' },
          { id: 3, reason: 'same title, year and first author' },
          { id: 4, reason: expect.stringMatching(/^similar title \(9\d%\)$/) },
        ],
      },
    ]);
    expect((await json<PrismaCounts>(['prisma', '--format', 'json'])).duplicatesRemoved).toBe(0); // a dry run marks nothing
    await json(['records', 'dedupe']);
    expect((await json<PrismaCounts>(['prisma', '--format', 'json'])).duplicatesRemoved).toBe(3);
    expect((await json<{ cleared: number }>(['records', 'dedupe', '--undo'])).cleared).toBe(3);
  });

  it('imports BibTeX through citation-js and reports an entry without a title by its line', async () => {
    await at(1);
    const r = await run(['records', 'import', 'refs.bib', '--source', 'Bib']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('litkit: refs.bib:8: the entry has no title (E_RECORD)\n');
    const rows = (await json<{ title: string; doi: string; year: number }[]>(['records', 'list'])).filter((x) => x.doi === '10.1000/xyz');
    expect(rows).toEqual([expect.objectContaining({ title: 'Racial discrimination in hiring', year: 2020 })]);
  });

  it('screens with two reviewers, reports conflicts, and computes PRISMA boxes that add up', async () => {
    await at(2);
    const next = await json<{ record: { id: number } | null; remaining: number }>(['screen', 'next', '--reviewer', 'amina']);
    expect(next.remaining).toBe(4); // six records less three duplicates, and the BibTeX one
    for (const [id, d] of [[1, 'include'], [5, 'exclude'], [6, 'include']] as const) expect((await run(['screen', 'decide', String(id), d, '--reviewer', 'amina'])).code).toBe(0);
    expect((await run(['screen', 'decide', '6', 'exclude', '--reviewer', 'ben'])).code).toBe(0);
    const { conflicts, agreement } = await json<{ conflicts: { recordId: number; decisions: { reviewer: string; decision: string }[] }[]; agreement: { reviewers: string[]; units: number }[] }>(['screen', 'conflicts']);
    expect(agreement).toEqual([expect.objectContaining({ reviewers: ['amina', 'ben'], units: 1, percentAgreement: 0 })]);
    expect(conflicts).toEqual([{ recordId: 6, title: 'Mentoring programmes for staff of African descent', decisions: [{ reviewer: 'amina', decision: 'include', reason: null }, { reviewer: 'ben', decision: 'exclude', reason: null }] }]);
    expect((await run(['screen', 'decide', '6', 'include', '--reviewer', 'ben'])).code).toBe(0);
    expect((await json<{ conflicts: unknown[] }>(['screen', 'conflicts'])).conflicts).toEqual([]);
    const noReason = await run(['screen', 'decide', '6', 'exclude', '--stage', 'full-text']);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toMatch(/needs a --reason/);
    expect((await run(['screen', 'decide', '6', 'exclude', '--stage', 'full-text', '--reason', 'wrong population', '--reviewer', 'amina'])).code).toBe(0);
    expect((await run(['screen', 'decide', '1', 'include', '--stage', 'full-text', '--reviewer', 'amina'])).code).toBe(0);
    const p = await json<PrismaCounts>(['prisma', '--format', 'json']);
    expect(p).toMatchObject({ identifiedTotal: 7, duplicatesRemoved: 3, screened: 3, awaitingScreening: 1, excludedAtScreening: 1, soughtForRetrieval: 2, assessedForEligibility: 2, included: 1, excludedWithReasons: [{ reason: 'wrong population', reports: 1 }] });
    expect(p.identifiedTotal - p.duplicatesRemoved).toBe(p.screened + p.awaitingScreening);
    expect(p.screened - p.excludedAtScreening).toBe(p.soughtForRetrieval);
    expect(p.soughtForRetrieval - p.notRetrieved).toBe(p.assessedForEligibility);
    expect(p.assessedForEligibility - p.excludedWithReasons.reduce((a, r) => a + r.reports, 0)).toBe(p.included);
    const svg = (await run(['prisma', '--format', 'svg'])).stdout;
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const box of ['Records screened (n = 3)', 'Duplicate records (n = 3)', 'wrong population (n = 1)', 'Studies included in review (n = 1)']) expect(svg).toContain(box);
    expect((await run(['prisma', '--format', 'mermaid'])).stdout).toMatch(/^flowchart TD/);
    // Three of the four records screened, two going forward: the one left is the urn; K_tar = 1, so it must be screened.
    const stop = await run(['screen', 'stop']);
    expect(stop.code).toBe(0);
    expect(stop.stdout).toContain('4 records at title-abstract: 3 screened in the model\'s order (2 going forward), then 0 of the 1 others at random (0 going forward).');
    expect(stop.stdout).toContain('go on: screen 1 more random record (`litkit screen next --sample`); if none of them goes forward, recall ≥ 95% with 95% confidence (p = 1.0000 now)');
  });
});

const NBIB = [
  'PMID- 31234567', 'TI  - Ethnic disparities in promotion among hospital staff: a cohort', '      study.', 'AB  - We followed 2,000 staff for five years.',
  'FAU - Okafor, Chidi', 'FAU - Lee, Min', 'DP  - 2019 Mar 5', 'JT  - Journal of Workforce Studies', 'LID - 10.1000/JWS.2019.12 [doi]', '',
  'PMID- 31234568', 'DP  - 2018', 'AB  - No title here.', '',
  'PMID- 31234569', 'TI  - Mentoring and the careers of staff of African descent.', 'FAU - Adeyemi, Tola', 'DP  - 2021', '',
].join('\n');

// Thirty off-topic records and four on one topic, labelled; and the same without the includes.
const LABELLED = ['title,abstract,label_included'];
for (let i = 0; i < 30; i++) LABELLED.push(`Staff survey ${i},Opinions on canteen food and parking ${i},0`);
for (let i = 0; i < 4; i++) LABELLED.push(`Racial discrimination in promotion ${i},Promotion outcomes of staff of African descent ${i},1`);

describe('MEDLINE, interactive screening, exclusion reasons, full texts and data extraction', () => {
  const { run, json, at, file } = reviewFlow(
    () => ({
      'pubmed.nbib': NBIB,
      'labelled.csv': LABELLED.join('\n'),
      'none.csv': LABELLED.slice(0, 31).join('\n'),
      'okafor.txt': 'Ethnic disparities among hospital staff\n\nPublished as doi:10.1000/jws.2019.12 (2019).\n',
      // As a spreadsheet saves it on Windows: Windows-1252, so the accents are single bytes.
      'extraction.csv': Buffer.from('record_id,sample,setting\n1,2000,Hôpitaux de Genève\n', 'latin1'),
    }),
    [
      (run) => run(['records', 'import', 'pubmed.nbib', '--source', 'PubMed']),
      (run) => run(['screen', 'review', '--reviewer', 'amina'], 'i\nx\nu\ni\ne\n'),
      async () => {}, // a simulation changes nothing in the project
      async (run) => {
        await run(['config', 'set', 'exclusion-reasons', 'wrong population; wrong outcome; not retrievable']);
        await run(['screen', 'decide', '1', 'include', '--stage', 'full-text', '--reviewer', 'amina']);
      },
      async (run) => {
        await run(['ingest', 'okafor.txt']);
        await run(['records', 'attach', '2', '1']);
      },
      async (run) => {
        await run(['extract', 'form', 'study']);
        await run(['extract', 'set', '1', 'design', 'quantitative']);
        await run(['extract', 'set', '1', 'grounds', 'ethnicity; gender']);
        await run(['extract', 'import', 'extraction.csv']);
      },
    ],
  );

  it('imports MEDLINE (nbib) with wrapped lines, and reports a record without a title', async () => {
    await at(0);
    const r = await run(['records', 'import', 'pubmed.nbib', '--source', 'PubMed']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('litkit: pubmed.nbib:11: the record has no title (TI) (E_RECORD)\n');
    const rows = await json<{ id: number; title: string; year: number; doi: string }[]>(['records', 'list']);
    expect(rows[0]).toMatchObject({ title: 'Ethnic disparities in promotion among hospital staff: a cohort study.', year: 2019, doi: '10.1000/jws.2019.12' });
  });

  it('screens interactively from standard input, with undo', async () => {
    await at(1);
    // Include the first, mistype, undo it, include it again, exclude the second; then none are left.
    const r = await run(['screen', 'review', '--reviewer', 'amina'], 'i\nx\nu\ni\ne\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Press i, e, m, u or q.');
    expect(r.stdout).toMatch(/Undid the decision on #\d+\./);
    expect(r.stdout).toContain('2 decisions recorded.');
    expect(r.stdout).toContain('Done: nothing left to screen at title-abstract.');
    expect((await json<{ decision: string | null }[]>(['records', 'list'])).map((x) => x.decision)).toEqual(['amina:include', 'amina:exclude']);
  });

  it('simulates a small labelled set, and refuses one without includes in one line', async () => {
    await at(2);
    const sim = await json<{ relevant: number; foundAt: number[]; stoppingHint: { screened: number | null } }>(['screen', 'simulate', 'labelled.csv']);
    // From one known include, the three others on the same topic come next.
    expect(sim).toMatchObject({ relevant: 4, foundAt: [1, 3, 4, 5], stoppingHint: { screened: null } });
    const r = await run(['screen', 'simulate', 'none.csv']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('litkit: none.csv: column "label_included" marks no record as included: a simulation needs both (E_LABELS)\n');
  });

  it('holds full-text exclusions to the configured reasons', async () => {
    await at(3);
    await run(['config', 'set', 'exclusion-reasons', 'wrong population; wrong outcome; not retrievable']);
    const bad = await run(['screen', 'decide', '1', 'exclude', '--stage', 'full-text', '--reason', 'boring', '--reviewer', 'amina']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"boring" is not one of the project's exclusion reasons: wrong population; wrong outcome; not retrievable/);
    expect((await run(['screen', 'decide', '1', 'include', '--stage', 'full-text', '--reviewer', 'amina'])).code).toBe(0);
  });

  it('attaches a full text on ingest when the document carries the record DOI', async () => {
    await at(4);
    const r = await run(['ingest', 'okafor.txt']);
    expect(r.stdout).toMatch(/attached to record #1 \(same DOI\): document 1/);
    expect((await run(['records', 'attach', '2', '1'])).code).toBe(0);
    expect((await run(['records', 'attach', '9', '1'])).stderr).toMatch(/no record 9 \(E_NO_RECORD\)/);
  });

  it('fills a data-extraction form per included study and renders the table of studies', async () => {
    await at(5);
    expect((await run(['extract', 'form', 'study'])).code).toBe(0);
    expect((await run(['extract', 'set', '1', 'design', 'quantitative'])).code).toBe(0);
    expect((await run(['extract', 'set', '1', 'grounds', 'ethnicity; gender'])).code).toBe(0);
    const bad = await run(['extract', 'set', '1', 'design', 'anecdote']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/design is one of: qualitative, quantitative, mixed methods/);
    expect((await json<{ values: number }>(['extract', 'import', 'extraction.csv'])).values).toBe(2);
    const studies = await json<{ citation: string; values: Record<string, string | null> }[]>(['table', 'studies']);
    expect(studies).toEqual([{ recordId: 1, citation: 'Okafor & Lee (2019)', values: expect.objectContaining({ design: 'quantitative', grounds: 'ethnicity; gender', sample: '2000', setting: 'Hôpitaux de Genève', quality: null }) }]);
    const md = (await run(['table', 'studies', '--format', 'md'])).stdout;
    expect(md).toContain('| Okafor & Lee (2019) | quantitative |');
  });

  it('puts the PRISMA counts and the included studies into the desk review', async () => {
    await at(6);
    expect((await run(['report', 'desk-review', '--out', 'review.md'])).code).toBe(0);
    const md = fs.readFileSync(file('review.md'), 'utf8');
    expect(md).toContain('### Systematic literature review');
    expect(md).toContain('| Records identified: PubMed | 2 |');
    expect(md).toContain('| Studies included in review | 1 |');
    expect(md).toMatch(/## Annex 4\. Included studies\n\n\| Study \| Study design \|[^\n]*\n[^\n]*\n\| Okafor & Lee \(2019\) \| quantitative \|/);
  });
});

describe.skipIf(!HAS_SHARED)('the shared database exports and the Kitchenham data set', () => {
  const EXPORTS: [string, number, number][] = [
    ['embase.ris', 6, 0],
    ['faulty_year.ris', 0, 1],
    ['generic_semicolon.csv', 2, 0],
    ['ovid_psycinfo.ris', 6, 0],
    ['pubmed_zotero.ris', 6, 0],
    ['scopus.ris', 6, 0],
    ['web_of_science.txt', 10, 0],
  ];
  let project: string;
  /** Every export imported once, before any test, so each test reads the same project whatever the order. */
  const imports = new Map<string, CliResult>();
  beforeAll(async () => {
    project = await tempProject();
    for (const [file] of EXPORTS) imports.set(file, await litkit(['records', 'import', path.join(SHARED, 'review', 'records', file), '--source', file, '--json'], { cwd: project }));
  });
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  it.each(EXPORTS)('imports %s: %i records, %i skipped', (file, records, skipped) => {
    const r = imports.get(file)!;
    const data = JSON.parse(r.stdout) as Imported;
    expect(data.imported).toBe(records);
    expect(data.problems).toHaveLength(skipped);
    expect(r.code).toBe(skipped ? 3 : 0);
    if (skipped) expect(r.stderr).toMatch(new RegExp(`${file}:1: the year "10 15" is not a year; the record is skipped \\(E_RECORD\\)`));
  });

  it('reads titles, years, authors, journals and DOIs of each dialect', async () => {
    const rows = (await litkitJson<{ source: string; title: string; year: number; doi: string | null }[]>(['records', 'list'], { cwd: project })).data;
    const byDoi = (doi: string) => rows.find((r) => r.doi === doi)!;
    expect(byDoi('10.1002/cpp.2398')).toMatchObject({ source: 'ovid_psycinfo.ris', year: 2019, title: expect.stringMatching(/^The influence of self-criticism on depression symptoms/) }); // "Y1 - 2019//"
    expect(byDoi('10.4103/2303-9027.138783')).toMatchObject({ source: 'embase.ris', year: 2014 });
    expect(byDoi('10.1023/a:1024814009769')).toMatchObject({ source: 'web_of_science.txt', year: 1997 });
    expect(rows.filter((r) => r.source === 'generic_semicolon.csv').map((r) => r.title)).toEqual(['Title of reference', 'The title of the reference']);
  });

  it('prioritises Kitchenham 2010 far better than random, the same way every time for a seed', async () => {
    const file = path.join(SHARED, 'review', 'Kitchenham_2010.csv');
    const sim = async (seed: number) => (await litkitJson<{ records: number; relevant: number; wss95: number; screenedFor95: number; recallAt: { recall: number }[]; stoppingHint: { screened: number | null; recall: number }; stoppingRule: { screened: number | null; recall: number; p: number | null }; random: { wss95: number } }>(['screen', 'simulate', file, '--seed', String(seed)])).data;
    const a = await sim(1);
    expect(await sim(1)).toEqual(a);
    expect(a).toMatchObject({ records: 1704, relevant: 45 });
    console.log(`Kitchenham 2010, seed 1: WSS@95 ${a.wss95.toFixed(3)} (random ${a.random.wss95.toFixed(3)}), ${a.screenedFor95} screened for 95% recall, recall at 10/25/50%: ${a.recallAt.map((x) => x.recall.toFixed(2)).join('/')}`);
    // ASReview's default model (ELAS u4) replayed with scikit-learn on this set reaches 0.67.
    expect(a.wss95).toBeGreaterThan(0.65);
    expect(a.wss95).toBeGreaterThan(a.random.wss95 + 0.5);
    expect(a.recallAt[0]!.recall).toBeGreaterThan(0.6);
    expect(a.recallAt[2]!.recall).toBeGreaterThan(0.95);
    // Following the stopping hint would have stopped well before the end, having found most.
    expect(a.stoppingHint.recall).toBeGreaterThan(0.9);
    expect(a.stoppingHint.screened).not.toBeNull();
    expect(a.stoppingHint.screened!).toBeLessThan(a.records / 2);
    // The stopping rule samples from where the hint fires and stops before the end with recall >= 95%.
    expect(a.stoppingRule).toMatchObject({ target: 0.95, confidence: 0.95, sampleFrom: a.stoppingHint.screened });
    expect(a.stoppingRule.recall).toBeGreaterThanOrEqual(0.95);
    expect(a.stoppingRule.screened!).toBeLessThan(a.records);
    expect(a.stoppingRule.p!).toBeLessThan(0.05);
  });

  it('proposes relevant records next once a reviewer has screened a few, from the project', async () => {
    const project = await tempProject();
    try {
      const file = path.join(SHARED, 'review', 'Kitchenham_2010.csv');
      expect((await litkit(['records', 'import', file, '--source', 'Kitchenham'], { cwd: project })).code).toBe(0);
      const labels = new Map((parse(fs.readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[]).map((r) => [Number(r.record_id), r.label_included === '1']));
      // Three known relevant systematic reviews (records are numbered in the file's order) and ten excludes.
      const start = [30, 33, 39].map((id) => `${id},include`).concat([46, 47, 48, 49, 50, 51, 52, 53, 54, 55].map((id) => `${id},exclude`));
      fs.writeFileSync(path.join(project, 'start.csv'), ['record_id,decision', ...start].join('\n'));
      expect((await litkit(['screen', 'import', 'start.csv', '--reviewer', 'amina'], { cwd: project })).code).toBe(0);
      const proposed: boolean[] = [];
      for (let k = 0; k < 5; k++) {
        const next = (await litkitJson<{ record: { id: number } }>(['screen', 'next', '--reviewer', 'amina'], { cwd: project })).data.record.id;
        proposed.push(labels.get(next)!);
        expect((await litkit(['screen', 'decide', String(next), labels.get(next) ? 'include' : 'exclude', '--reviewer', 'amina'], { cwd: project })).code).toBe(0);
      }
      // 42 relevant records are left among 1,691: in random order 5 records hold 0.12 of them.
      expect(proposed.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
