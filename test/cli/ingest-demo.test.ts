import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { CORPUS, litkit, litkitJson, litkitSpawned, tempDir } from '../helpers.js';

interface Summary {
  files: number;
  stored: number;
  noText: number;
  skipped: number;
  failed: number;
  pages: number;
  segments: number;
}
interface Doc {
  id: number;
  title: string;
  year: number | null;
  format: string;
  pages: number;
  segments: number;
  status: string;
  sourcePath: string;
  attributes: Record<string, string>;
}
interface Hit {
  documentId: number;
  title: string;
  page: number;
  citation: string;
  snippet: string;
  start: number;
  end: number;
}

describe('ingesting the bundled demo corpus', () => {
  let project: string;
  let summary: Summary;
  let docs: Doc[];
  const byName = (name: string) => docs.find((d) => path.basename(d.sourcePath) === name)!;

  // The one ingest flow run through the built binary in new processes, as a user runs it (worker
  // pool, bin/run.js, exit codes); the tests then read the project in-process.
  beforeAll(() => {
    project = tempDir();
    const spawned = <T>(args: string[]) => {
      const r = litkitSpawned([...args, '--json'], { cwd: project });
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as T;
    };
    expect(litkitSpawned(['init', project]).code).toBe(0);
    spawned<Summary>(['ingest', path.join(CORPUS, 'policies'), '--attr', 'type=policy']);
    summary = spawned<Summary>(['ingest', CORPUS]);
    docs = spawned<Doc[]>(['docs', 'list']);
  });
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  it('stores every file in every format, the ones ingested before skipped as duplicates', () => {
    expect(docs).toHaveLength(21);
    expect(new Set(docs.map((d) => d.format))).toEqual(new Set(['pdf', 'docx', 'html', 'md', 'txt']));
    expect(docs.every((d) => d.status === 'ok' && d.segments > 0)).toBe(true);
    const policies = fs.readdirSync(path.join(CORPUS, 'policies')).length;
    expect(summary).toMatchObject({ files: 21, stored: 21 - policies, skipped: policies, failed: 0 });
  });

  it('keeps the attributes given at ingest and sets them only on the documents of that run', () => {
    expect(byName('recruitment-selection-policy-2021.pdf').attributes).toEqual({ type: 'policy' });
    expect(byName('glossary-of-terms.md').attributes).toEqual({});
  });

  it('reads titles and years from PDF info, DOCX core properties, HTML meta tags, front matter and text title lines', () => {
    expect(byName('recruitment-selection-policy-2021.pdf')).toMatchObject({ title: 'Recruitment and Selection Policy', year: 2021, pages: 3 });
    expect(byName('annual-report-2023-excerpt.pdf').year).toBe(2024); // the report appeared the year after
    expect(byName('exit-interview-summary-2023.docx')).toMatchObject({ title: 'Exit Interview Summary 2023', year: 2023 });
    expect(byName('bias-in-recruitment-and-selection.html')).toMatchObject({
      title: 'Bias in Recruitment and Selection: A Literature Summary',
      year: 2023,
    });
    expect(byName('glossary-of-terms.md').title).toBe('Glossary of Terms for the Race Equality Review');
    expect(byName('workforce-data-note.txt')).toMatchObject({
      title: 'Technical note: Collecting and using diversity data on staff',
      year: 2022,
    });
  });

  it('splits DOCX pages at page breaks and keeps tables, footnotes and headers', async () => {
    const learning = byName('learning-development-policy-2022.docx');
    expect(learning.pages).toBe(2);
    const page2 = (await litkitJson<{ page: { text: string } }>(['docs', 'show', String(learning.id), '--page', '2'], { cwd: project })).data.page.text;
    expect(page2).toContain('Managers | Inclusive leadership | Accountability, bias in performance appraisal and promotion decisions');
    expect(page2).toContain('Internal review of learning expenditure, 2021');
    const page1 = (await litkitJson<{ page: { text: string } }>(['docs', 'show', String(learning.id), '--page', '1'], { cwd: project })).data.page.text;
    expect(page1.startsWith('AICA/HRM/POL/2022-05')).toBe(true);
  });

  it('drops scripts, styles, navigation and page chrome from HTML', async () => {
    const guide = byName('onboarding-guide.html');
    const text = (await litkitJson<{ page: { text: string } }>(['docs', 'show', String(guide.id), '--page', '1'], { cwd: project })).data.page.text;
    expect(text).toContain('Welcome to the Aurora International Cooperation Agency.');
    expect(text).toContain('Month 1 | Agree your work plan and performance objectives | Supervisor');
    for (const chrome of ['analytics', 'Intranet home', 'font-family', 'Page last updated']) expect(text).not.toContain(chrome);
  });

  it('decodes UTF-16 and Windows-1252 text files without mangling a character', async () => {
    const survey = byName('survey-free-text-comments.txt');
    const text = (await litkitJson<{ page: { text: string } }>(['docs', 'show', String(survey.id), '--page', '1'], { cwd: project })).data.page.text;
    expect(text).toContain('The décor is equality');
    expect(text).toContain('“Is there anything else you would like to tell us');
    expect(text).toContain('I’ve been a P-3');
    const interview = byName('interview-transcript-07.txt');
    const text07 = (await litkitJson<{ page: { text: string } }>(['docs', 'show', String(interview.id), '--page', '1'], { cwd: project })).data.page.text;
    expect(text07).toContain('the argument is always about "fit".');
    expect(text07).not.toContain('\r');
  });

  it('cites PDF hits by page and unpaginated formats by paragraph', async () => {
    const hits = (await litkitJson<Hit[]>(['search', '"calibration panels"'], { cwd: project })).data;
    expect(hits[0]!.citation).toBe('Promotion and Career Progression Policy (2020), p. 2');
    const glossary = (await litkitJson<Hit[]>(['search', '"has no biological basis"'], { cwd: project })).data;
    expect(glossary).toHaveLength(1);
    expect(glossary[0]!.citation).toMatch(/^Glossary of Terms for the Race Equality Review \(2023\), para\. \d+$/);
  });

  it('gives offsets that find the quoted text again in the stored page', async () => {
    const [hit] = (await litkitJson<Hit[]>(['search', '"anonymised screening"', '--limit', '1'], { cwd: project })).data;
    const page = (await litkitJson<{ page: { text: string } }>(['docs', 'show', String(hit!.documentId), '--page', String(hit!.page)], { cwd: project })).data.page.text;
    expect(page.slice(hit!.start, hit!.end).toLowerCase()).toContain('anonymised screening');
  });

  it('supports FTS5 syntax: OR, NOT, prefix and NEAR', async () => {
    const near = (await litkitJson<Hit[]>(['search', 'NEAR(wheelchair accessible, 30)'], { cwd: project })).data;
    expect(near.map((h) => h.title)).toEqual(['Focus group discussion 2: Headquarters staff']);
    const prefix = (await litkitJson<Hit[]>(['search', 'microaggress*', '--limit', '100'], { cwd: project })).data;
    const not = (await litkitJson<Hit[]>(['search', 'microaggress* NOT harassment', '--limit', '100'], { cwd: project })).data;
    expect(not.length).toBeGreaterThan(0);
    expect(prefix.length).toBeGreaterThan(not.length);
    expect(not.every((h) => !/harass/i.test(h.snippet))).toBe(true);
  });

  it('explains a malformed query in one line with exit code 2', async () => {
    const r = await litkit(['search', '"unclosed phrase'], { cwd: project });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^litkit: cannot search for .*\(E_QUERY\)$/m);
  });

  it('removes a document with everything derived from it, and search no longer finds it', async () => {
    // Its own copy: the other tests of this file read the project and must see every document.
    const own = tempDir('litkit-rm-');
    fs.cpSync(project, own, { recursive: true });
    onTestFinished(() => fs.rmSync(own, { recursive: true, force: true }));
    const doc = byName('mobility-rotation-policy-2019.pdf');
    const before = (await litkitJson<Hit[]>(['search', '"Mobility Committee"'], { cwd: own })).data;
    expect(before.some((h) => h.documentId === doc.id)).toBe(true);
    const r = await litkit(['docs', 'rm', String(doc.id)], { cwd: own });
    expect(r.code).toBe(0);
    expect((await litkitJson<Hit[]>(['search', '"Mobility Committee"'], { cwd: own })).data).toEqual([]);
    const db = new Database(path.join(own, 'litkit.sqlite'), { readonly: true });
    try {
      for (const table of ['documents WHERE id = ?', 'pages WHERE document_id = ?', 'segments WHERE document_id = ?', 'document_attributes WHERE document_id = ?']) {
        expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(doc.id)).toBe(0);
      }
      expect(db.prepare("SELECT count(*) FROM segments_fts WHERE segments_fts MATCH '\"Mobility Committee\"'").pluck().get()).toBe(0);
      expect(db.prepare("SELECT outcome FROM ingest_log WHERE document_id = ? ORDER BY id DESC").pluck().get(doc.id)).toBe('removed');
    } finally {
      db.close();
    }
    expect(await litkit(['docs', 'show', String(doc.id)], { cwd: own })).toMatchObject({ code: 2 });
  });
});
