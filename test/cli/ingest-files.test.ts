import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { litkit, litkitJson, tempDir, tempProject } from '../helpers.js';

interface Summary {
  files: number;
  stored: number;
  noText: number;
  skipped: number;
  failed: number;
  failures: { path: string; code: string; message: string }[];
}
interface Doc {
  id: number;
  title: string;
  sourcePath: string;
}
interface Hit {
  title: string;
  citation: string;
}

function count(project: string, sql: string): number {
  const db = new Database(path.join(project, 'litkit.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('ingest on files made for the test', () => {
  let project: string;
  let files: string;
  beforeEach(async () => {
    project = await tempProject();
    files = tempDir();
  });
  afterEach(() => {
    fs.rmSync(project, { recursive: true, force: true });
    fs.rmSync(files, { recursive: true, force: true });
  });
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(files, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  };

  it('reads UTF-8, UTF-8 with BOM, UTF-16 LE and BE with BOM, and Windows-1252 to the same text', async () => {
    const text = 'Naïve café policy — “quoted” résumé façade\n\nSecond paragraph.';
    write('utf8.txt', text);
    write('utf8bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    write('utf16le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const be = Buffer.from(text, 'utf16le');
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
    write('utf16be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    // Windows-1252 bytes for the same text: ï=EF, é=E9, —=97, “=93, ”=94, ç=E7.
    write('cp1252.txt', Buffer.from('Na\xefve caf\xe9 policy \x97 \x93quoted\x94 r\xe9sum\xe9 fa\xe7ade\n\nSecond paragraph.', 'latin1'));
    // A distinct file per encoding, so none is skipped as a duplicate of another.
    const r = await litkitJson<Summary>(['ingest', files], { cwd: project });
    expect(r.data).toMatchObject({ stored: 5, failed: 0 });
    const docs = (await litkitJson<Doc[]>(['docs', 'list'], { cwd: project })).data;
    for (const d of docs) {
      const page = (await litkitJson<{ page: { text: string } }>(['docs', 'show', String(d.id), '--page', '1'], { cwd: project })).data.page.text;
      expect(page, path.basename(d.sourcePath)).toBe(text);
    }
  });

  it('skips a file already in the project, by content, even under another name', async () => {
    write('a.md', '# One\n\nSome text about recruitment.');
    expect((await litkitJson<Summary>(['ingest', files], { cwd: project })).data).toMatchObject({ stored: 1, skipped: 0 });
    write('copy-of-a.md', '# One\n\nSome text about recruitment.');
    const again = await litkitJson<Summary>(['ingest', files], { cwd: project });
    expect(again.code).toBe(0);
    expect(again.data).toMatchObject({ files: 2, stored: 0, skipped: 2 });
    expect(count(project, 'SELECT count(*) FROM documents')).toBe(1);
  });

  it('reports bad files one line each, stores the good ones, and exits 3', async () => {
    write('good.txt', 'A perfectly good file about promotion.');
    write('empty.txt', '');
    write('broken.pdf', '%PDF-1.7\nthis is not really a pdf at all');
    write('fake.docx', 'plain text pretending to be a Word file');
    write('slides.pptx', 'not supported');
    write('survey.xlsx', 'a spreadsheet, left for ingest --survey');
    const r = await litkit(['ingest', files, path.join(files, 'missing.pdf')], { cwd: project });
    expect(r.code).toBe(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(5);
    const line = (name: string) => lines.find((l) => l.includes(name)) ?? '';
    expect(line('empty.txt')).toMatch(/^litkit: .*empty\.txt: the file is empty \(0 bytes\) \(E_EMPTY\)$/);
    expect(line('broken.pdf')).toMatch(/^litkit: .*broken\.pdf: the PDF cannot be read .*\(E_CORRUPT\)$/);
    expect(line('fake.docx')).toMatch(/^litkit: .*fake\.docx: not a DOCX \(no zip signature\) \(E_CORRUPT\)$/);
    expect(line('slides.pptx')).toMatch(/\(E_UNSUPPORTED\)$/);
    expect(r.stdout).toMatch(/left out: .*survey\.xlsx: a spreadsheet; ingest survey exports with --survey/);
    expect(line('missing.pdf')).toMatch(/no such file or folder \(E_NOT_FOUND\)$/);
    expect(r.stdout).toMatch(/1 stored, 0 without text, 0 skipped .*, 5 failed/);
    expect(count(project, 'SELECT count(*) FROM documents')).toBe(1);
    const failed = (await litkitJson<{ path: string; code: string }[]>(['docs', 'list', '--failed'], { cwd: project })).data;
    expect(failed.map((f) => f.code).sort()).toEqual(['E_CORRUPT', 'E_CORRUPT', 'E_EMPTY', 'E_NOT_FOUND', 'E_UNSUPPORTED']);
  });

  it('refuses files over --max-size', async () => {
    write('big.txt', 'x '.repeat(600_000));
    const r = await litkit(['ingest', files, '--max-size', '1'], { cwd: project });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/big\.txt: the file is 1\.1 MiB, over the 1\.0 MiB limit \(limits\.max-file-mb, or --max-size\) \(E_TOO_LARGE\)/);
  });

  it('stores nothing of a document whose write fails part-way, and keeps what was stored before', async () => {
    write('first.txt', 'An earlier document about onboarding.');
    expect((await litkit(['ingest', files], { cwd: project })).code).toBe(0);
    // A real failure inside SQLite in the middle of the document's transaction: the third
    // paragraph's segment insert aborts, after the document row, pages and two segments went in.
    const db = new Database(path.join(project, 'litkit.sqlite'));
    db.exec(`CREATE TRIGGER fail_mid_document BEFORE INSERT ON segments WHEN NEW.text LIKE '%poison%'
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    db.close();
    write('second.txt', 'Paragraph one about selection.\n\nParagraph two about promotion.\n\nParagraph three: poison.\n\nParagraph four.');
    write('third.txt', 'A later document about mobility.');
    const r = await litkit(['ingest', files], { cwd: project });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/second\.txt: could not be stored: injected failure \(E_STORE\)/);
    expect(count(project, "SELECT count(*) FROM documents WHERE source_path LIKE '%second.txt'")).toBe(0);
    expect(count(project, "SELECT count(*) FROM segments WHERE text LIKE '%Paragraph one about selection%'")).toBe(0);
    expect(count(project, "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH 'selection'")).toBe(0);
    expect(count(project, 'SELECT count(*) FROM pages WHERE document_id NOT IN (SELECT id FROM documents)')).toBe(0);
    expect(count(project, 'SELECT count(*) FROM documents')).toBe(2);
    expect((await litkitJson<Hit[]>(['search', 'onboarding'], { cwd: project })).data).toHaveLength(1);
    expect((await litkitJson<Hit[]>(['search', 'mobility'], { cwd: project })).data).toHaveLength(1);
  });

  it('sets, corrects and removes attributes after ingest, and the citation follows', async () => {
    write('note.txt', 'A note about promotion panels.');
    await litkit(['ingest', files], { cwd: project });
    expect((await litkit(['docs', 'attr', '1', 'type=policy', 'country=Kenya', 'year=2019', 'title=Promotion note'], { cwd: project })).code).toBe(0);
    expect((await litkit(['docs', 'attr', '1', 'country='], { cwd: project })).code).toBe(0);
    const [doc] = (await litkitJson<(Doc & { year: number; attributes: Record<string, string> })[]>(['docs', 'list'], { cwd: project })).data;
    expect(doc).toMatchObject({ title: 'Promotion note', year: 2019, attributes: { type: 'policy', year: '2019', title: 'Promotion note' } });
    expect((await litkitJson<Hit[]>(['search', 'promotion'], { cwd: project })).data[0]!.citation).toBe('Promotion note (2019), para. 1');
    expect((await litkit(['docs', 'attr', '1', 'year=19'], { cwd: project })).stderr).toMatch(/year must be four digits/);
  });

  it('filters folders with --include and --exclude globs', async () => {
    write('keep/a.md', 'Alpha text.');
    write('keep/b.txt', 'Beta text.');
    write('drafts/c.md', 'Gamma text.');
    const r = await litkitJson<Summary>(['ingest', files, '--include', '*.md', '--exclude', 'drafts/**'], { cwd: project });
    expect(r.data).toMatchObject({ files: 1, stored: 1 });
    expect((await litkitJson<Doc[]>(['docs', 'list'], { cwd: project })).data.map((d) => path.basename(d.sourcePath))).toEqual(['a.md']);
  });

  it('ranks a segment with the exact phrase above one that only has the words apart', async () => {
    write('apart.txt', 'Structural reforms matter. Racism is discussed; structural change and racism, racism, racism again, structural.');
    write('phrase.txt', 'This long paragraph mentions structural racism once among many other words about the organisation, its staff, its offices and its reports.');
    await litkit(['ingest', files], { cwd: project });
    const hits = (await litkitJson<Hit[]>(['search', 'structural racism'], { cwd: project })).data;
    expect(hits.map((h) => h.title)).toEqual(['Phrase', 'Apart']);
  });

  it('re-joins words hyphenated at line ends and expands ligatures in stored text', async () => {
    write('wrapped.txt', 'The recruit-\nment of long-\nterm staff follows a long-term plan for e\uFB03cient and \uFB01nal selection.');
    await litkit(['ingest', files], { cwd: project });
    const page = (await litkitJson<{ page: { text: string } }>(['docs', 'show', '1', '--page', '1'], { cwd: project })).data.page.text;
    expect(page).toBe('The recruitment\nof long-term\nstaff follows a long-term plan for efficient and final selection.');
    expect((await litkitJson<Hit[]>(['search', 'recruitment'], { cwd: project })).data).toHaveLength(1);
  });

  it('finds the project from a subfolder, from --project and from LITKIT_PROJECT, and says when there is none', async () => {
    write('a.txt', 'Some text.');
    const sub = path.join(project, 'notes', 'deep');
    fs.mkdirSync(sub, { recursive: true });
    expect((await litkit(['ingest', files], { cwd: sub })).code).toBe(0);
    expect((await litkitJson<Doc[]>(['docs', 'list', '--project', project], { cwd: files })).data).toHaveLength(1);
    expect((await litkit(['docs', 'list', '--json'], { cwd: files, env: { LITKIT_PROJECT: project } })).code).toBe(0);
    const none = await litkit(['docs', 'list'], { cwd: files });
    expect(none.code).toBe(4);
    expect(none.stderr).toMatch(/^litkit: no litkit project in .* \(E_NO_PROJECT\)\n$/);
  });
});
