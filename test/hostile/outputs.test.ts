import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { emitTable } from '../../src/cli/render.js';
import { evidenceTable, writeReport } from '../../src/core/render/index.js';
import { claimOutput, writeOutput } from '../../src/core/render/outputs.js';
import { isSafeHref } from '../../src/core/render/html.js';
import { columns, toCsv, toTerminal } from '../../src/core/tables/index.js';
import { litkit, tempDir } from '../helpers.js';
import { ATTACK, thrown, useHostileProject } from './fixture.js';

const integrity = (file: string) => {
  const raw = new Database(file, { readonly: true });
  try {
    return raw.pragma('integrity_check', { simple: true });
  } finally {
    raw.close();
  }
};

// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

describe('outputs built from hostile documents', () => {
  const project = useHostileProject();

  it('stores titles and metadata without control characters', () => {
    const doc = project.db.sql.prepare('SELECT title, authors FROM documents').get() as { title: string; authors: string };
    expect(doc.title).toContain('Evil');
    expect(doc.title).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(doc.title).not.toContain(']0;pwned');
  });

  it('writes an HTML report in which document text stays text: no script, no event handler, no javascript: link, and a CSP', async () => {
    const out = path.join(project.dir, 'evidence.html');
    await writeReport(project.db, 'evidence-table', { out, title: 'Evidence' });
    const page = fs.readFileSync(out, 'utf8');
    // The attacks are in the report, as visible text.
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('&lt;a href=&quot;javascript:alert(3)&quot;&gt;');
    expect(page).toContain('[click me](javascript:alert(2))');
    // None of them became markup.
    expect(page).not.toMatch(/<img|<script|<a\s/i);
    expect(page).not.toMatch(/href="javascript:/i);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  });

  it('writes the desk review as Markdown with the attacks escaped', async () => {
    const out = path.join(project.dir, 'desk.md');
    await writeReport(project.db, 'desk-review', { out, title: 'Desk review' });
    const md = fs.readFileSync(out, 'utf8');
    expect(md).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(md).toContain('\\[click me\\](javascript:alert(2))');
    expect(md).not.toContain(ATTACK.img);
  });

  it('keeps a report\'s word/document.xml valid XML when a title holds control characters', async () => {
    // A project ingested before titles were cleaned may still hold them.
    project.db.sql.prepare('UPDATE documents SET title = ? WHERE id = 1').run('Old\u000btitle \u001b[31mred\u001b[0m');
    try {
      const out = path.join(project.dir, 'report.docx');
      await writeReport(project.db, 'evidence-table', { out });
      const xml = await (await JSZip.loadAsync(fs.readFileSync(out))).file('word/document.xml')!.async('string');
      expect(xml).toContain('Oldtitle red');
      expect(xml).not.toMatch(XML_INVALID);
      // A bracket from a document is the source's, not a drafter's [placeholder] to highlight.
      const run = [...xml.matchAll(/<w:r>(?:(?!<\/w:r>).)*<\/w:r>/g)].map((m) => m[0]).find((r) => r.includes('[click me]'));
      expect(run).toBeDefined();
      expect(run).not.toContain('w:highlight');
      // The terminal table drops the same characters.
      expect(toTerminal({ columns: columns('title'), rows: [['Old\u000btitle \u001b]0;pwned\u0007\u001b[31mred']] })).toBe('title\n------------\nOldtitle red');
    } finally {
      project.db.sql.prepare('UPDATE documents SET title = ? WHERE id = 1').run('Evil review 2021');
    }
  });

  it('neutralises formula cells in CSV and XLSX, and keeps numbers numbers', async () => {
    const rows = evidenceTable(project.db, {});
    expect(rows.length).toBeGreaterThan(0);
    const table = { title: '=cmd|evil', columns: columns('type', 'excerpt:excerpt', 'year:number'), rows: rows.map((r) => [r.type, r.excerpt, r.year ?? 2021]) };
    const csv = parseCsv(toCsv(table)) as string[][];
    expect(csv[1]![0]).toBe(`'${ATTACK.formula}`);
    expect(csv.slice(1).map((r) => r[1]!)).toContain(`'${ATTACK.formula} is what the spreadsheet cell says about retaliation and the fear of it.`);
    for (const cell of ['+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(parseCsv(toCsv({ columns: columns('h'), rows: [[cell]] }))[1][0]).toBe(`'${cell}`);

    const out = path.join(project.dir, 'evidence.xlsx');
    const said: string[] = [];
    await emitTable({ log: () => undefined, logToStderr: (m = '') => said.push(m), jsonEnabled: () => false }, project.db, { out }, table, { data: rows });
    expect(said).toEqual([`Wrote ${out} (${rows.length} rows)`]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A2').value).toBe(`'${ATTACK.formula}`);
    expect(ws.getCell('A2').formula).toBeUndefined();
    expect(ws.getCell('C2').value).toBe(2021);
  });

  it('lets only web and mail addresses become links', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' java\tscript:alert(1)', '&#106;avascript:alert(1)', 'javascript&colon;alert(1)', 'data:text/html,<script>', 'vbscript:x']) {
      expect(isSafeHref(href), href).toBe(false);
    }
    for (const href of ['https://www.iom.int/', 'http://example.org/a?b=c', 'mailto:a@b.org', '#annex-1', 'annex.html']) expect(isSafeHref(href), href).toBe(true);
  });

  it('refuses a partial that is a symlink to a file outside the template folder, and writes nothing', async () => {
    const templates = path.join(project.dir, 'templates');
    fs.mkdirSync(templates, { recursive: true });
    const secret = path.join(tempDir(), 'secret.txt');
    fs.writeFileSync(secret, 'TOP SECRET');
    fs.writeFileSync(path.join(templates, 'mine.md.hbs'), '# {{title}}\n\n{{> leak}}\n');
    fs.symlinkSync(secret, path.join(templates, '_leak.md.hbs'));
    const out = path.join(project.dir, 'leak.md');
    await expect(writeReport(project.db, path.join(templates, 'mine.md.hbs'), { out })).rejects.toMatchObject({ code: 'E_TEMPLATE_PLACE', exitCode: 2 });
    expect(fs.existsSync(out)).toBe(false);
    fs.rmSync(path.dirname(secret), { recursive: true, force: true });
  });

  it('never writes output over the project database, its WAL or shared memory, however it is named', () => {
    const link = path.join(project.dir, 'link.csv');
    fs.symlinkSync(project.db.file, link);
    const hard = path.join(project.dir, 'hard.csv');
    fs.linkSync(project.db.file, hard);
    for (const [file, exts] of [[project.db.file, ['.sqlite']], [`${project.db.file}-wal`, ['.sqlite-wal']], [`${project.db.file}-shm`, ['.sqlite-shm']], [link, ['.csv']], [hard, ['.csv']], [path.join(project.dir, '.', 'x', '..', 'litkit.sqlite'), ['.sqlite']]] as const) {
      const e = thrown(() => claimOutput(project.db, file, exts));
      expect(e.code).toBe('E_OUT');
      expect(e.exitCode).toBe(2);
      expect(e.line()).toMatch(/^litkit: .+: is (the project database|an SQLite database).+\(E_OUT\)$/);
    }
    expect(integrity(project.db.file)).toBe('ok');
  });

  it('refuses an extension that does not fit the format, and a file litkit did not write unless forced', async () => {
    expect(thrown(() => claimOutput(project.db, path.join(project.dir, 'table.pdf'), ['.csv'])).message).toMatch(/a \.pdf file cannot hold this output; give a name ending in \.csv/);
    const mine = path.join(project.dir, 'notes.csv');
    fs.writeFileSync(mine, 'my own notes\n');
    expect(thrown(() => claimOutput(project.db, mine, ['.csv'])).message).toMatch(/already exists and litkit did not write it; give --force/);
    expect(fs.readFileSync(mine, 'utf8')).toBe('my own notes\n');
    // litkit's own output may be replaced by the next run; once edited, only with --force.
    const out = path.join(project.dir, 'records.csv');
    claimOutput(project.db, out, ['.csv']);
    await writeOutput(project.db, out, 'a,b\n');
    claimOutput(project.db, out, ['.csv']);
    await writeOutput(project.db, out, 'a,b,c\n');
    fs.appendFileSync(out, 'edited by hand\n');
    expect(thrown(() => claimOutput(project.db, out, ['.csv'])).message).toMatch(/was changed since litkit wrote it/);
    claimOutput(project.db, out, ['.csv'], { force: true });
  });

  it('answers `records list --out litkit.sqlite` with one line and exit 2, and the database stays whole', async () => {
    project.db.sql.pragma('wal_checkpoint(TRUNCATE)');
    const before = fs.readFileSync(project.db.file);
    const r = await litkit(['records', 'list', '--project', project.dir, '--format', 'csv', '--out', link(project.dir)]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^litkit: .*alias\.csv: is the project database .*\(E_OUT\)$/m);
    expect(fs.readFileSync(project.db.file).equals(before)).toBe(true);
    expect(integrity(project.db.file)).toBe('ok');
  });
});

/** A second name for the project database, as an attacker (or a slip of the finger) would give it. */
function link(dir: string): string {
  const alias = path.join(dir, 'alias.csv');
  if (!fs.existsSync(alias)) fs.symlinkSync(path.join(dir, 'litkit.sqlite'), alias);
  return alias;
}
