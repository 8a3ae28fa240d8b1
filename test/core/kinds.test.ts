import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SegmentKind } from '../../src/core/documents/kinds.js';
import { prepareDocument } from '../../src/core/ingest/prepare.js';
import { classifyParagraphs, type Paragraph } from '../../src/core/ingest/kinds.js';
import { HAS_SHARED, SHARED } from '../helpers.js';

/** Kinds of paragraphs read in this order on one page, as the segmenter hands them over. */
const kindsOf = (texts: string[], hints: (SegmentKind | undefined)[] = []) =>
  classifyParagraphs(texts.map((text, i): Paragraph => ({ page: 1, text, hint: hints[i], edge: false }))).map((c) => c.kind);
const kindOf = (text: string) => kindsOf([text])[0];
/** Asserts that each text alone is of this kind (or, with `not`, of any other). */
function expectKind(kind: SegmentKind, texts: string[], not = false): void {
  for (const t of texts) {
    if (not) expect(kindOf(t), t).not.toBe(kind);
    else expect(kindOf(t), t).toBe(kind);
  }
}

describe('segment kinds of single paragraphs', () => {
  it('headings: titles, numbered sections, labels and key-value lines of an advert, but not sentences', () => {
    expectKind('heading', ['Project Context and Scope', '2.1 Data protection and confidentiality', 'Required Competencies:', 'Closing Date: 27 February 2022', 'Duty Station: Home based', 'ANNEX B. TERMS OF REFERENCE']);
    expectKind('body', ['Only shortlisted candidates will be contacted.', 'be easily faked', 'This paragraph is in the default text style', 'x = (a + b) * c', 'The staff survey found that, in every region', 'For further information please refer to:']);
  });

  it('list items: bullets and numbered or lettered items that are sentences', () => {
    expect(kindOf('• Timely submission of deliverables;')).toBe('list');
    expect(kindOf('3. Facilitate three virtual roundtables with senior management.')).toBe('list');
    expect(kindOf('b. an analysis of staff members’ needs and experiences')).toBe('list');
    expect(kindOf('• Teamwork')).toBe('list'); // a bullet stays a list item however short
  });

  it('tables, captions and references', () => {
    expect(kindOf('| Grade | Women | Men |\n| P-5 | 41% | 59% |')).toBe('table');
    expect(kindOf('Performance appraisal 64% 42% 74%')).toBe('table'); // a PDF table row
    expect(kindOf('From 14.02.2022 to 27.02.2022')).toBe('heading');
    expect(kindOf('Figure 3: Share of staff by contract type, 2019–2022')).toBe('caption');
    expect(kindOf('Table 2.1. Applicants by nationality')).toBe('caption');
    expect(kindOf('Table 2 shows that applicants from the region were fewer.')).toBe('body');
    expectKind('reference', [
      'Source: https://www.iom.int/jobs/consultant-general-assessment',
      'https://reliefweb.int/job/3801234',
      'Retrieved 3 May 2022, from the UN Careers portal.',
      'Smith, J. A., & Doe, B. (2020). Race and recruitment in international organisations. Journal of Public Administration, 12(3), 45–67.',
      '[12] L. Lamport. The part-time parliament. ACM Transactions on Computer Systems, 16(2), 1998.',
    ]);
  });

  it('boilerplate by what it says: cookie banners, copyright, portal disclaimers, prompts, share bars', () => {
    expectKind('boilerplate', [
      'We use cookies to give you the best experience on our website. By continuing to browse, you agree to our use of cookies.',
      '© 2022 United Nations. All rights reserved.',
      'Closing dates shown on this site may be outdated; always check the original vacancy announcement.',
      'This job was originally posted on the organisation’s careers page.',
      'Apply Now',
      'Click here to enter text.',
      'Share | Tweet | Email | Print',
      'Home > Jobs > Consultant',
      'The views expressed in this report are those of the authors and do not necessarily reflect the views of the Organization.',
    ]);
  });

  it('keeps how an organisation recruits as substance, and a prompt beside a substantive sentence too', () => {
    expectKind('boilerplate', [
      'Vacancies close at 23:59 local time Geneva, Switzerland on the respective closing date. No late applications will be accepted.',
      'IOM does not charge a fee at any stage of its recruitment process (application, interview, processing, training or other fee).',
      'IOM only accepts duly completed applications submitted through the IOM e-Recruitment system.',
      'Staff may report retaliation to the Ethics Office. Click here to read the policy.',
      'We see more women in senior posts than five years ago.',
    ], true);
  });

  it('takes headings, list items, table rows and page headers from the markup when the file has it', () => {
    expect(kindsOf(['Why the review matters to staff?', 'Our standards', 'Week 1 | Induction', 'Agency policy manual'], ['heading', 'list', 'table', 'boilerplate'])).toEqual([
      'heading', 'list', 'table', 'boilerplate',
    ]);
  });

  it('reads a references section as references until the next section, and transcript turns as body', () => {
    expect(kindsOf(['References', 'Crenshaw K (1989) Demarginalizing the intersection', 'University of Chicago Legal Forum 140', 'Annex A: Interview guide', 'Describe your role.'])).toEqual([
      'heading', 'reference', 'reference', 'heading', 'body',
    ]);
    const turns = ['P1: Yes', 'P2: Not in my office', 'P1: Maybe', 'P2: I agree with that', 'P3: Thank you'];
    expect(kindsOf([...turns, 'P1: Nothing else', 'P2: No'])).not.toContain('heading');
  });

  it('marks running heads and footers repeated at the top or bottom of pages as boilerplate', () => {
    const pages = [1, 2, 3].flatMap((page): Paragraph[] => [
      { page, text: `${page * 2} CHAPTER 3. RECURSION AND INDUCTION`, edge: true },
      { page, text: 'A paragraph of the chapter that goes on about recursion and induction.', edge: false },
      { page, text: 'Exercise 12', edge: false },
      { page, text: ['Induction is the base case.', 'The step assumes the claim for n.', 'Hence it holds for all n.'][page - 1]!, edge: true },
    ]);
    expect(classifyParagraphs(pages).map((c) => c.kind).slice(0, 4)).toEqual(['boilerplate', 'body', 'heading', 'body']);
  });
});

describe.skipIf(!HAS_SHARED)('segment kinds on real files', () => {
  const prepare = async (file: string) => {
    const format = path.extname(file).slice(1) as 'txt' | 'docx';
    const doc = await prepareDocument({ file, format, data: new Uint8Array(fs.readFileSync(file)), pdfEngine: 'pdfium' });
    return doc.segments.map((s) => ({ kind: s.kind, para: s.para, text: doc.pages[s.page - 1]!.slice(s.start, s.end).replace(/\s+/g, ' ') }));
  };
  const kindStarting = (segs: { kind: string; text: string }[], prefix: string) => segs.find((s) => s.text.startsWith(prefix))?.kind;

  it('types the lines of a real job advert: title and fields as headings, the portal prompt as boilerplate', async () => {
    const race = await prepare(path.join(SHARED, 'seeds', 'terms-of-reference-race-equality-review.txt'));
    expect(race[0]).toMatchObject({ kind: 'heading', text: 'International Organization For Migration (IOM)' });
    expect(kindStarting(race, 'Core Functions / Responsibilities:')).toBe('heading');
    expect(kindStarting(race, '3. Facilitate three virtual roundtables')).toBe('list');
    expect(race.at(-1)).toMatchObject({ kind: 'boilerplate', text: 'Apply Now' });
    const data = await prepare(path.join(SHARED, 'seeds', 'terms-of-reference-data-standards-assessment.txt'));
    expect(kindStarting(data, 'Closing Date:')).toBe('heading');
    expect(kindStarting(data, 'Requisition: CON 2022 03')).toBe('heading');
    expect(kindStarting(data, '• What is the gap to be filled?')).toBe('list');
  });

  it('keeps every passage the gold set codes in a kind that auto-coding reads', async () => {
    const gold = fs.readFileSync(path.join(SHARED, 'coding-gold', 'dev.jsonl'), 'utf8').trim().split('\n')
      .map((l) => JSON.parse(l) as { id: string; text: string; codes: string[] })
      .filter((g) => g.id.startsWith('tor-') && g.codes.length);
    const segs = [
      ...(await prepare(path.join(SHARED, 'seeds', 'terms-of-reference-race-equality-review.txt'))),
      ...(await prepare(path.join(SHARED, 'seeds', 'terms-of-reference-data-standards-assessment.txt'))),
    ];
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(gold.length).toBe(25);
    for (const g of gold) {
      const holders = segs.filter((s) => norm(s.text).includes(norm(g.text)) || norm(g.text).includes(norm(s.text)));
      expect(holders.length, g.id).toBeGreaterThan(0);
      for (const s of holders) expect(['body', 'list'], `${g.id}: ${g.text}`).toContain(s.kind);
    }
  });

  it('reads headings, list items, table rows, links and page headers from real DOCX files', async () => {
    const sample = await prepare(path.join(SHARED, 'corpus', 'docx', 'bug65738.docx'));
    expect(sample.map((s) => s.kind)).toEqual([
      'boilerplate', // the page header
      'heading', 'heading', 'heading', 'heading', 'heading', 'heading', // title, subtitle, Heading 1-3
      'body', 'body',
      'table', 'table', 'table',
      'reference', 'reference', // "Apache Tika: http://tika.apache.org/ Tika"
      'body', 'body', 'body', 'body',
    ]);
    const essay = await prepare(path.join(SHARED, 'corpus', 'docx', '61787.docx'));
    expect(kindStarting(essay, 'Essay Memo')).toBe('heading');
    expect(kindStarting(essay, 'You must answer all questions')).toBe('list');
    const cases = await prepare(path.join(SHARED, 'corpus', 'docx', 'IllustrativeCases.docx'));
    expect(cases.filter((s) => s.kind === 'table')).toHaveLength(8);
    expect(kindStarting(cases, 'Annemarie and Keith')).toBe('heading');
  });
});
