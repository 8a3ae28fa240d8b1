import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocode, addMemo } from '../../src/core/coding/index.js';
import { bundledFramework, loadFramework, parseFramework } from '../../src/core/coding/framework/index.js';
import { ingest } from '../../src/core/ingest/index.js';
import { BUNDLED_REPORTS_DIR, markdownToDocx, writeReport } from '../../src/core/render/index.js';
import { importRecords } from '../../src/core/review/import.js';
import { Db } from '../../src/core/store/index.js';
import { CORPUS, HAS_SHARED, litkit, SHARED, tempDir } from '../helpers.js';

/** The parts of a .docx a reader checks: body and footer XML, media files, paragraph texts, tables as rows of cell texts. */
async function readDocx(file: string) {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const document = await xml('word/document.xml');
  const footers = (await Promise.all(Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n)).map(xml))).join('');
  const text = (s: string) => [...s.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const paragraphs = [...document.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => text(m[0]));
  const tables = [...document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) => [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => text(c[0]))));
  const highlighted = [...document.matchAll(/<w:r>(?:(?!<\/w:r>)[\s\S])*?<w:highlight w:val="yellow"\/>(?:(?!<\/w:r>)[\s\S])*?<\/w:r>/g)].map((m) => text(m[0]));
  return { document, footers, settings: await xml('word/settings.xml'), media: Object.keys(zip.files).filter((n) => n.startsWith('word/media/') && !zip.files[n]!.dir), paragraphs, tables, highlighted };
}

const tableWithHeader = (tables: string[][][], first: string[]) => tables.find((t) => first.every((h, i) => t[0]?.[i] === h));

// A small real project: the two terms of reference of ../shared/seeds coded with both bundled
// frameworks, a real Scopus export as records (for the PRISMA figure), a memo, and one document
// that is no ToR (from our demo corpus).
describe.skipIf(!HAS_SHARED)('reports from a project made of the real terms of reference', () => {
  let dir: string;
  let db: Db;
  const out = (name: string) => path.join(dir, name);
  const idOf = (file: string) => db.sql.prepare('SELECT id FROM documents WHERE source_path LIKE ?').pluck().get(`%${file}`) as number;
  let race: number;
  let standards: number;

  beforeAll(async () => {
    dir = tempDir();
    db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
    await ingest(db, [path.join(SHARED, 'seeds')], { jobs: 0, attributes: { type: 'tor' } });
    await ingest(db, [path.join(CORPUS, 'reports', 'workforce-data-note.txt')], { jobs: 0, attributes: { type: 'report' } });
    for (const id of ['race-equality', 'data-standards']) {
      const file = bundledFramework(id);
      const text = fs.readFileSync(file, 'utf8');
      loadFramework(db, parseFramework(text, file), text);
      autocode(db, { framework: id });
    }
    await importRecords(db, path.join(SHARED, 'review', 'records', 'scopus.ris'), { source: 'Scopus' });
    addMemo(db, { kind: 'code', id: 'intersectionality.gender' }, 'amina', 'The ToR lists gender first among the dimensions; ask HR for sex-disaggregated data.');
    race = idOf('terms-of-reference-race-equality-review.txt');
    standards = idOf('terms-of-reference-data-standards-assessment.txt');
  }, 30_000);
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the inception report as Word with a title page, contents field, page numbers and highlighted placeholders', async () => {
    await writeReport(db, 'inception-report', { out: out('inception.docx'), framework: 'race-equality', tor: race, title: 'Inception report' });
    const d = await readDocx(out('inception.docx'));
    // The title page, before the contents.
    const contents = d.paragraphs.indexOf('Contents');
    expect(d.paragraphs.slice(0, contents).filter(Boolean)).toEqual([
      'Inception report', 'External Review of Race Equality and Equity in Iom', 'Prepared for International Organization For Migration (IOM)', expect.stringMatching(/^\d{1,2} [A-Z][a-z]+ \d{4}$/), 'Draft',
    ]);
    expect(d.document).toContain('TOC \\h \\o &quot;1-3&quot;');
    expect(d.settings).toMatch(/<w:updateFields(?: w:val="true")?\/>/);
    expect(d.footers).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
    expect(d.highlighted).toContain('[The organisation, the request for the review, and what prompted it.]');
    expect(d.highlighted.every((t) => t.startsWith('[') && t.endsWith(']'))).toBe(true);
    expect(d.document).toContain('<w:tblHeader/>');
  });

  it('puts the race ToR’s activities with their numbers, its deliverables and a six-month plan into the inception report', async () => {
    await writeReport(db, 'inception-report', { out: out('inception.docx'), framework: 'race-equality', tor: race });
    const d = await readDocx(out('inception.docx'));
    const activities = tableWithHeader(d.tables, ['Activity', 'Number', 'As the terms of reference put it', 'Source'])!;
    const numbers = Object.fromEntries(activities.slice(1).map((r) => [r[0], r[1]]));
    expect(numbers).toMatchObject({ Roundtables: '3', Survey: '1', Webinars: '2', 'Focus group discussions': 'at least 3', Interviews: 'at least 15', Workshops: 'at least 3' });
    const plan = tableWithHeader(d.tables, ['Activity', 'Number', 'M1'])!;
    expect(plan[0]).toEqual(['Activity', 'Number', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6']);
    expect(plan.map((r) => r[0])).toEqual(expect.arrayContaining(['Interviews', 'Workshops', 'Deliverable: Report']));
    const matrix = tableWithHeader(d.tables, ['Question', 'Sub-question', 'Indicators', 'Sources', 'Methods'])!;
    // The race ToR asks no questions: its six report contents are the lines of inquiry.
    expect(matrix.filter((r) => /^S\d\./.test(r[0]!)).map((r) => r[0]!.slice(0, 3))).toEqual(['S1.', 'S2.', 'S3.', 'S4.', 'S5.', 'S6.']);
    expect(matrix.find((r) => r[0]!.startsWith('S4.'))![1]).toMatch(/employment cycle/);
    expect(tableWithHeader(d.tables, ['Deliverable', 'Due', 'Source'])!.slice(1).map((r) => r[0])).toEqual(['Implementation plan and timeline', 'Report']);
  });

  it('lists the data-standards ToR’s own 7 guiding questions in the assessment report', async () => {
    await writeReport(db, 'assessment-report', { out: out('assessment.docx'), framework: 'data-standards', tor: standards });
    const d = await readDocx(out('assessment.docx'));
    const at = d.paragraphs.indexOf('Guiding questions');
    expect(d.paragraphs[at + 1]).toBe('The assessment answers the 7 guiding questions of the terms of reference:');
    expect(d.paragraphs.slice(at + 2, at + 9).map((p) => p.replace(/ \(Consultant – General Assessment at .*\(n\.d\.\), para\. \d+\)$/, ''))).toEqual([
      'What are the specific needs that stakeholders have, that a standard can help address?',
      'How would it do so?',
      'What should it include? (cf. aforementioned call for interest on data model assessment)',
      'What is the gap to be filled?',
      'How does it relate to other tools/standards that are already in place?',
      'What programming activities could/ would support its uptake and implementation?',
      'What are key recommendations for roll-out (including the possible entry points within governments at the national level to adopt the standards)?',
    ]);
    expect(d.paragraphs).toContain('Q4. What is the gap to be filled?');
  });

  it('embeds the PRISMA flow as a figure, fills Gaps by the rule and prints memos under their code in the desk review', async () => {
    const r = await writeReport(db, 'desk-review', { out: out('desk.docx'), framework: 'race-equality' });
    expect(r.figures).toEqual(['prisma']);
    const d = await readDocx(out('desk.docx'));
    expect(d.media.map((m) => path.extname(m)).sort()).toEqual(['.png', '.svg']);
    expect(d.document).toContain('asvg:svgBlip');
    expect(d.paragraphs).toContain('Figure 1. PRISMA 2020 flow diagram of the records identified, screened and included');
    const stages = tableWithHeader(d.tables, ['Stage', 'Evidence', 'Gaps', 'Sources'])!;
    expect(stages.length).toBe(12);
    for (const row of stages.slice(1)) {
      const [, evidence, gap] = row as [string, string, string];
      const excerpts = Number(evidence.split(' ')[0]);
      if (excerpts === 0) expect(gap).toBe('No evidence in the sources reviewed');
      else if (excerpts < 3 || evidence.endsWith(' 1 document')) expect(gap).toMatch(/^Thin evidence: \d+ excerpts? from \d+ documents?$/);
      else expect(gap).toMatch(/^(No gap by the rule|One-sided evidence)/);
    }
    expect(stages.some((r) => r[2] === 'No evidence in the sources reviewed')).toBe(true);
    const gender = d.paragraphs.indexOf('Gender');
    expect(d.paragraphs.slice(gender).find((p) => p.startsWith('Memo by amina'))).toMatch(/ask HR for sex-disaggregated data\.$/);
    expect(tableWithHeader(d.tables, ['Dimension', 'Race and ethnicity', 'Racism'])!.map((r) => r[0])).toContain('Nationality, national origin and migration status');
  });

  it('renders every bundled template, and says what an inception report lacks without a ToR', async () => {
    const templates = fs.readdirSync(BUNDLED_REPORTS_DIR).filter((f) => /^[a-z].*\.md\.hbs$/.test(f)).map((f) => f.replace('.md.hbs', ''));
    expect(templates.sort()).toEqual(['assessment-report', 'concept-note', 'desk-review', 'evidence-table', 'inception-report']);
    for (const t of templates) {
      for (const tor of [undefined, standards]) {
        const file = out(`${t}-${tor ?? 'none'}.md`);
        await writeReport(db, t, { out: file, framework: t === 'assessment-report' || t === 'concept-note' ? 'data-standards' : 'race-equality', tor });
        const md = fs.readFileSync(file, 'utf8');
        expect(md.startsWith('# '), t).toBe(true);
        expect(md, t).not.toMatch(/\{\{|\}\}/);
      }
    }
    expect(fs.readFileSync(out('inception-report-none.md'), 'utf8')).toContain('**This skeleton has no terms of reference to work from.** Give `--tor DOC_ID`');
    expect(fs.readFileSync(out('concept-note-' + standards + '.md'), 'utf8')).toMatch(/\| Two-page concept note \| due 31 March 2022 \|/);
    expect(fs.readFileSync(out(`desk-review-none.md`), 'utf8')).toMatch(/!\[Figure 1\. PRISMA 2020 flow diagram[^\]]*\]\(desk-review-none\.prisma\.svg\)/);
    expect(fs.readFileSync(out('desk-review-none.prisma.svg'), 'utf8')).toMatch(/^<svg [\s\S]*Scopus \(n = 6\)/);
  });

  it('refuses a --tor that is no terms of reference and an unknown --framework, writing nothing', async () => {
    const note = idOf('workforce-data-note.txt');
    await expect(writeReport(db, 'inception-report', { out: out('no.docx'), tor: note })).rejects.toMatchObject({ code: 'E_NOT_TOR', exitCode: 2 });
    await expect(writeReport(db, 'desk-review', { out: out('no.docx'), framework: 'nope' })).rejects.toMatchObject({ code: 'E_NO_FRAMEWORK', exitCode: 2 });
    expect(fs.existsSync(out('no.docx'))).toBe(false);
    // As a user sees it: one line, exit 2.
    const r = await litkit(['report', 'inception-report', '--tor', String(note), '--out', out('no.docx')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^litkit: .*workforce-data-note\.txt: document \d+ .* has no recognisable terms of reference .*\(E_NOT_TOR\)$/)]);
    expect(fs.existsSync(out('no.docx'))).toBe(false);
  });
});

describe('Word output of the drafter’s placeholders', () => {
  it('highlights [placeholders] but not brackets inside a quotation', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'p.docx');
    fs.writeFileSync(file, await markdownToDocx('# T\n\n> “They were [sic] told nothing […]” (Source (2020), p. 3)\n\nFindings: [to be completed] and **[Key finding.]**\n', { title: 'T' }));
    const d = await readDocx(file);
    expect(d.highlighted).toEqual(['[to be completed]', '[Key finding.]']);
    expect(d.paragraphs).toContain('“They were [sic] told nothing […]” (Source (2020), p. 3)');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
