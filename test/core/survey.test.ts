import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSurvey, listCases } from '../../src/core/cases/index.js';
import { autocode } from '../../src/core/coding/index.js';
import { bundledFramework, loadFramework, parseFramework } from '../../src/core/coding/framework/index.js';
import { frequencies, kwic, matrix, runQuery } from '../../src/core/query/index.js';
import { Db } from '../../src/core/store/index.js';
import { InputError, UsageError } from '../../src/errors.js';
import { tempDir } from '../helpers.js';

// A staff survey export as survey tools write it: an id, identifying columns (a name by its
// header, e-mails and staff numbers by their content), choices, a number, two open questions.
const HEADER = 'Response ID,Full name,Contact,Ref,Gender,Age,Grade,Q4. What would make promotion fairer?,Q5. Anything else you want to tell us?';
const ROWS = [
  ['201', 'Amina Diallo', 'amina.diallo@agency.example', 'UN100234', 'Woman', '52', 'P3', 'Promotion panels should be diverse, and managers must explain their decisions.', 'I fear retaliation if I report racism.'],
  ['202', 'John Smith', 'john.smith@agency.example', 'UN100871', 'Man', '34', 'G5', 'Publish promotion data by nationality and race every year.', ''],
  ['203', 'Li Wei', 'li.wei@agency.example', 'UN101552', 'woman', '47', 'P4', 'Time in grade is longer for staff from Africa; the data show it.', 'Supervisors need training on unconscious bias.'],
  ['204', 'Carlos Ruiz', 'carlos.ruiz@agency.example', 'UN102210', 'Man', '29', 'G5', 'I have not seen unfairness in how promotions are decided.', 'The recruitment panel was structured and diverse.'],
  ['205', 'Fatima Khan', 'fatima.khan@agency.example', 'UN103007', 'Woman', '61', 'P5', 'Older women are passed over for promotion and acting posts.', 'Age is a diversity issue too.'],
  ['206', 'Peter Olsen', 'peter.olsen@agency.example', 'UN103118', 'Non-binary', 'unknown', 'P2', 'Clear criteria for every promotion, published in advance.', 'Nothing more.'],
];
const csv = (rows: string[][]) => [HEADER, ...rows.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))].join('\n') + '\n';

function loadRaceEquality(db: Db): void {
  const file = bundledFramework('race-equality');
  const source = fs.readFileSync(file, 'utf8');
  loadFramework(db, parseFramework(source, file), source);
}

describe('a CSV survey: respondents as cases, answers as cited segments', () => {
  let dir: string;
  let db: Db;
  let file: string;
  beforeAll(async () => {
    dir = tempDir();
    file = path.join(dir, 'staff-survey-2023.csv');
    fs.writeFileSync(file, csv(ROWS));
    db = Db.open(path.join(dir, 'p.sqlite'), { create: true });
    await ingestSurvey(db, file, { attributes: { title: 'Staff survey', year: '2023' } });
    loadRaceEquality(db);
    autocode(db);
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('guesses the id, the free-text questions and the attributes, and leaves out the identifying columns', async () => {
    const other = Db.open(path.join(dir, 'guess.sqlite'), { create: true });
    const r = await ingestSurvey(other, file);
    other.close();
    const role = (h: string) => r.columns.find((c) => c.header === h)!.role;
    expect(role('Response ID')).toBe('id');
    expect(['Full name', 'Contact', 'Ref'].map(role)).toEqual(['identifying', 'identifying', 'identifying']);
    expect(r.columns.find((c) => c.header === 'Contact')!.why).toMatch(/e-mail/);
    expect(r.columns.find((c) => c.header === 'Ref')!.why).toMatch(/staff/);
    expect(r.columns.filter((c) => c.role === 'text').map((c) => c.question)).toEqual(['Q4', 'Q5']);
    expect(r.columns.filter((c) => c.role === 'attribute').map((c) => c.key)).toEqual(['gender', 'age', 'grade']);
    expect(r.respondents).toBe(6);
    expect(r.answers).toBe(11); // respondent 202 left Q5 empty
  });

  it('stores no trace of the identifying columns in the project file', () => {
    db.sql.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.readFileSync(db.file).toString('latin1');
    for (const marker of ['amina.diallo@agency.example', 'Amina Diallo', 'UN100234']) expect(bytes).not.toContain(marker);
  });

  it('keeps respondents as cases with attributes, numbers as numbers', () => {
    const cases = listCases(db, { kind: 'respondent' });
    expect(cases.map((c) => c.label)).toEqual(['201', '202', '203', '204', '205', '206']);
    expect(cases[0]!.attributes).toEqual({ gender: 'Woman', age: 52, grade: 'P3' });
    expect(cases[5]!.attributes.age).toBe('unknown');
    expect(db.sql.prepare("SELECT typeof(value) FROM case_attributes WHERE key = 'age' AND value = 52").pluck().get()).toBe('integer');
  });

  it('cites an answer by survey, respondent and question', () => {
    const r = runQuery(db, 'text:retaliation');
    expect(r.excerpts.map((e) => e.citation)).toEqual(['Staff survey (2023), respondent 201, Q5']);
    expect(r.excerpts[0]!.text).toBe('I fear retaliation if I report racism.');
    // The page around an answer holds the respondent's other answers, which are not its context.
    const withContext = runQuery(db, 'text:retaliation', { context: 80 }).excerpts[0]!;
    expect([withContext.before, withContext.after]).toEqual(['', '']);
  });

  it('selects by case attributes: numbers compare as numbers, text without regard to case', () => {
    const labels = (q: string) => runQuery(db, q).excerpts.map((e) => e.citation.replace(/^.*respondent /, ''));
    // 206's age is "unknown": text, which SQLite would sort above every number.
    expect(labels('case.age >= 50 AND question:Q4')).toEqual(['201, Q4', '205, Q4']);
    expect(labels('case.gender = "woman" AND question:Q4')).toEqual(['201, Q4', '203, Q4', '205, Q4']);
    expect(labels('case.grade in (G5, P2) AND question:q5')).toEqual(['204, Q5', '206, Q5']);
  });

  it('tables codes by a case attribute, counting answers', () => {
    const m = matrix(db, { codes: 'employment.*', columns: 'case.gender' });
    expect(m.columns).toEqual(['Man', 'Non-binary', 'Woman', 'woman']);
    // The expected cells, from the codings' respondents and the genders written in ROWS above.
    const coded = db.sql
      .prepare("SELECT DISTINCT k.code_id, c.label, s.id FROM codings k JOIN segments s ON s.id = k.segment_id JOIN cases c ON c.id = s.case_id WHERE k.code_id LIKE 'employment.%'")
      .all() as { code_id: string; label: string }[];
    expect(coded.length).toBeGreaterThan(3);
    const gender = new Map(ROWS.map((r) => [r[0]!, r[4]!]));
    const expected = m.rows.map((code) => m.columns.map((g) => coded.filter((k) => k.code_id === code && gender.get(k.label) === g).length));
    expect(m.cells).toEqual(expected);
  });

  it('runs freq and kwic within one question, the context never crossing into the next answer', () => {
    const q5 = frequencies(db, { where: 'question:Q5' });
    expect(q5.segments).toBe(5);
    expect(q5.terms.map((t) => t.term)).not.toContain('promotion');
    const lines = kwic(db, 'promotion', { where: 'question:Q4' });
    expect(lines.length).toBe(5);
    const carlos = lines.find((l) => l.citation.endsWith('respondent 204, Q4'))!;
    expect(carlos.right).toBe(' are decided.');
  });

  it('skips the same file on a second ingest', async () => {
    const again = await ingestSurvey(db, file);
    expect(again.skipped).toMatch(/already in the project/);
    expect(db.sql.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(6);
  });
});

describe('an XLSX survey, a mapping given, and bad files', () => {
  let dir: string;
  let db: Db;
  beforeAll(() => {
    dir = tempDir();
    db = Db.open(path.join(dir, 'p.sqlite'), { create: true });
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads an Excel sheet: numbers, rich text and linked e-mails as the sheet shows them', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Responses');
    sheet.addRow(['ID', 'Email', 'Gender', 'Age', 'Comments']);
    const answers = ['My manager blocks my promotion every year.', 'Recruitment panels are never diverse.', 'I want flexible working for carers.'];
    ['Woman', 'Man', 'Woman'].forEach((gender, i) => {
      const row = sheet.addRow([`R${i + 1}`, null, gender, 40 + i * 10, null]);
      row.getCell(2).value = { text: `person${i}@example.org`, hyperlink: `mailto:person${i}@example.org` };
      row.getCell(5).value = { richText: [{ text: answers[i]!.slice(0, 10) }, { font: { bold: true }, text: answers[i]!.slice(10) }] };
    });
    const file = path.join(dir, 'pulse.xlsx');
    await book.xlsx.writeFile(file);
    const r = await ingestSurvey(db, file, { idCol: 'ID', textCols: ['Comments'], attrCols: ['Gender', 'Age', 'Email'] });
    // Named in --attr-cols, the e-mail column is still refused until kept explicitly.
    expect(r.columns.find((c) => c.header === 'Email')!.role).toBe('identifying');
    expect(r.answers).toBe(3);
    const cases = listCases(db, { documentIds: [r.documentId] });
    expect(cases.map((c) => [c.label, c.attributes])).toEqual([
      ['R1', { age: 40, gender: 'Woman' }],
      ['R2', { age: 50, gender: 'Man' }],
      ['R3', { age: 60, gender: 'Woman' }],
    ]);
    const hit = runQuery(db, 'text:flexible AND case.age > 55');
    expect(hit.excerpts.map((e) => [e.citation, e.text])).toEqual([['Pulse (n.d.), respondent R3, Comments', answers[2]]]);
  });

  it('keeps an identifying column when told to', async () => {
    const file = path.join(dir, 'kept.csv');
    fs.writeFileSync(file, 'id,email,answer\n1,a@example.org,Promotion is slow for national staff.\n2,b@example.org,Mobility is the key to promotion.\n');
    const r = await ingestSurvey(db, file, { keepIdentifying: ['email'] });
    expect(r.columns.find((c) => c.header === 'email')!.role).toBe('attribute');
    expect(listCases(db, { documentIds: [r.documentId] })[1]!.attributes).toEqual({ email: 'b@example.org' });
  });

  it('refuses repeated respondent ids, a survey without free text and unknown columns, storing nothing', async () => {
    const before = db.sql.prepare('SELECT count(*) FROM documents').pluck().get();
    const dup = path.join(dir, 'dup.csv');
    fs.writeFileSync(dup, 'Respondent ID,Comment\n7,Promotion is opaque here.\n7,Nobody explains the criteria.\n');
    await expect(ingestSurvey(db, dup)).rejects.toMatchObject({ code: 'E_SURVEY_ID', file: dup, message: expect.stringMatching(/rows 2 and 3/) });
    const choices = path.join(dir, 'choices.csv');
    fs.writeFileSync(choices, 'id,gender,grade\n1,Woman,P3\n2,Man,G5\n');
    await expect(ingestSurvey(db, choices)).rejects.toBeInstanceOf(InputError);
    await expect(ingestSurvey(db, dup, { textCols: ['Comments'] })).rejects.toBeInstanceOf(UsageError);
    expect(db.sql.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(before);
  });
});
