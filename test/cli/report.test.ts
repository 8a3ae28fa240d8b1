import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codedDemoProject, litkit, litkitJson, tempDir } from '../helpers.js';

describe('reports from the coded demo corpus', () => {
  let project: string;
  const run = async (args: string[]) => await litkit(args, { cwd: project });
  const html = async (file: string) => (await mammoth.convertToHtml({ path: file })).value;

  beforeAll(() => {
    project = codedDemoProject();
  }, 120_000);
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  it('writes the desk review as a Word file with real headings, tables, cited quotes and an APA bibliography', async () => {
    const out = path.join(project, 'desk-review.docx');
    const r = await run(['report', 'desk-review', '--out', out]);
    expect(r.code).toBe(0);
    const doc = await html(out);
    const h2 = [...doc.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(h2).toEqual([
      'Executive summary', 'Background, purpose and scope', 'Methodology', 'Definitions', 'Findings by theme',
      'Analysis of the employment cycle', 'Intersectionality', 'Good practices', 'Recommendations',
      'Annex 1. Documents reviewed', 'Annex 2. Coding framework', 'Annex 3. Evidence tables', 'References',
    ]);
    for (const stage of ['Recruitment', 'Selection', 'Onboarding and induction', 'Promotion and career progression', 'Separation and retention']) {
      expect(doc).toContain(`<h3>${stage}</h3>`);
    }
    expect(doc).toContain('<h3>Disability</h3>');
    expect((doc.match(/<table>/g) ?? []).length).toBeGreaterThanOrEqual(5);
    // The employment-cycle table: stage × evidence × gaps × sources.
    expect(doc).toMatch(/<table><thead><tr><th><p><strong>Stage<\/strong><\/p><\/th><th><p><strong>Evidence<\/strong><\/p><\/th><th><p><strong>Gaps<\/strong><\/p><\/th><th><p><strong>Sources<\/strong><\/p><\/th><\/tr><\/thead><tbody><tr><td><p>Workforce planning<\/p><\/td>/);
    // Quotes carry APA author–date citations with page or paragraph.
    expect(doc).toMatch(/“[^”]{20,}” \((Human Resources Management Division, Aurora International Cooperation Agency|External review team|Internal Communications), 20\d\d[a-d]?, (p|para)\. \d+\)/);
    // The documents-reviewed annex lists all 21 documents; the bibliography is APA, its two 2021
    // policies of the same division lettered by title, as the citations in the text are.
    expect(doc).toContain('Recruitment and Selection Policy');
    expect(doc).toMatch(/Human Resources Management Division, Aurora International Cooperation Agency\. \(2021a\)\. <em>Disability Inclusion and Reasonable Accommodation Policy<\/em>/);
    expect(doc).toMatch(/Human Resources Management Division, Aurora International Cooperation Agency\. \(2021b\)\. <em>Recruitment and Selection Policy<\/em>/);
    expect(doc).not.toMatch(/Aurora International Cooperation Agency, 2021[,)]/);
  });

  it('renders every bundled template as Markdown, HTML and Word', async () => {
    for (const t of ['desk-review', 'assessment-report', 'concept-note', 'inception-report', 'evidence-table']) {
      for (const ext of ['md', 'html', 'docx']) {
        const out = path.join(project, `${t}.${ext}`);
        const r = await run(['report', t, '--out', out]);
        expect(r.code, `${t}.${ext}: ${r.stderr}`).toBe(0);
        expect(fs.statSync(out).size).toBeGreaterThan(500);
      }
      const md = fs.readFileSync(path.join(project, `${t}.md`), 'utf8');
      expect(md.startsWith('# '), t).toBe(true);
      expect(md).not.toMatch(/\{\{|\}\}/);
      expect(fs.readFileSync(path.join(project, `${t}.html`), 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*<h1>/);
    }
    const evidence = await html(path.join(project, 'evidence-table.docx'));
    expect(evidence).toMatch(/<h2>Pay, grade and contract type \(employment\.compensation\)<\/h2>/);
  });

  it('sets each mapped term\'s working definition against the sources\' definitions, cited, and names the terms no source defines', async () => {
    const out = path.join(project, 'definitions-section.md');
    expect((await run(['report', 'desk-review', '--out', out])).code).toBe(0);
    const md = fs.readFileSync(out, 'utf8');
    const section = md.slice(md.indexOf('## Definitions'), md.indexOf('## Findings by theme'));
    expect(section).toMatch(/\*\*structural racism\*\*\n\n\*Working definition \(the review's framework\):\* Structural \(also systemic or institutional\) racism refers to/);
    expect(section).toMatch(/> “Structural racism, also called systemic or institutional racism, refers to [^”]+” \(Review Team, External Race Equality Review, 2023b, para\. \d+\)/);
    // A framework definition is never shown as a source's: every quoted definition carries a citation.
    for (const quote of section.match(/^> .*$/gm) ?? []) expect(quote).toMatch(/” \([^()]+, \d{4}[a-z]?, (p|para)\. \d+\)$/);
    const model = (await litkitJson<{ definitionComparison: { terms: { term: string }[]; missing: { term: string }[] } }>(['report', 'desk-review', '--data', '--term', 'structural racism', '--term', 'xenophilia'], { cwd: project })).data;
    expect(model.definitionComparison.terms.map((t) => t.term)).toEqual(['structural racism']);
    expect(model.definitionComparison.missing.map((t) => t.term)).toEqual(['xenophilia']);
  });

  it('exports the evidence table to xlsx and docx', async () => {
    const xlsx = path.join(project, 'evidence.xlsx');
    expect((await run(['table', 'evidence', '--codes', 'employment.*', '--out', xlsx])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, 'code', 'source', 'year', 'type', 'codes', 'excerpt', 'citation']);
    expect(ws.rowCount).toBeGreaterThan(20);
    expect(String(ws.getRow(2).getCell(7).value)).toMatch(/^\([^()]+, (19|20)\d\d[a-d]?, (p|para)\. \d+\)$/);
    const docx = path.join(project, 'evidence.docx');
    expect((await run(['table', 'evidence', '--codes', 'race', '--out', docx])).code).toBe(0);
    expect(await html(docx)).toMatch(/<table>[\s\S]*<strong>excerpt<\/strong>[\s\S]*<\/table>/);
  });

  it('reports a template error as file:line:column and writes nothing', async () => {
    const file = path.join(project, 'broken.md.hbs');
    fs.writeFileSync(file, '# Title\n\n{{#each codes}}\n{{label}}\n{{/with}}\n');
    const out = path.join(project, 'broken.md');
    const r = await run(['report', file, '--out', out]);
    expect(r.code).toBe(3);
    // Line 3, column 4: the name of the block that is closed wrongly.
    expect(r.stderr.trim()).toBe(`litkit: ${fs.realpathSync(file)}:3:4: {{/with}} closes a {{#each}} block (E_TEMPLATE)`);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses templates from outside the project and its template folders', async () => {
    const elsewhere = tempDir();
    const file = path.join(elsewhere, 'mine.md.hbs');
    fs.writeFileSync(file, '# Mine\n');
    const r = await run(['report', file, '--out', path.join(project, 'mine.md')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/templates must be inside the project folder or a folder given with --templates \(E_TEMPLATE_PLACE\)/);
    expect((await run(['report', file, '--templates', elsewhere, '--out', path.join(project, 'mine.md')])).code).toBe(0);
    fs.rmSync(elsewhere, { recursive: true, force: true });
  });

  it('gives templates no way to reach outside data: prototype access is refused', async () => {
    const file = path.join(project, 'proto.md.hbs');
    fs.writeFileSync(file, '# P\n\n[{{constructor.constructor}}][{{lookup this "__proto__"}}][{{title.constructor.name}}]\n');
    const out = path.join(project, 'proto.md');
    expect((await run(['report', file, '--out', out])).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe('# P\n\n[][][]\n');
  });

  it('prints the data model templates see', async () => {
    type Model = { project: { documents: number }; byId: Record<string, { quotes: { citation: string; source: string }[] }>; bibliography: string[] };
    const model = (await litkitJson<Model>(['report', 'desk-review', '--data'], { cwd: project })).data;
    expect(model.project.documents).toBe(21);
    const quotes = model.byId['employment.promotion']!.quotes;
    expect(quotes).toHaveLength(3);
    // citation is author–date; source keeps the document's title for templates that print it.
    for (const q of quotes) {
      expect(q.citation).toMatch(/^\([^()]+, (19|20)\d\d[a-d]?, (p|para)\. \d+\)$/);
      expect(q.source).toMatch(/\((19|20)\d\d|n\.d\.\), (p|para)\. \d+$/);
    }
    expect(model.bibliography).toHaveLength(21);
  });
});
