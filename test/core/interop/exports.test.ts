import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSpeakerAttributes } from '../../../src/core/cases/index.js';
import { ingest } from '../../../src/core/ingest/index.js';
import { listCodings } from '../../../src/core/coding/index.js';
import { csvCell, exportJsonl, exportRecords, selectRecords } from '../../../src/core/interop/index.js';
import { decide, importRecords } from '../../../src/core/review/index.js';
import { Db } from '../../../src/core/store/index.js';
import { HAS_SHARED, SHARED, tempDir } from '../../helpers.js';
import { exchangeProject, tempDb } from '../../interop-fixture.js';

const dirs: string[] = [];
const project = () => tempDb(dirs);
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe.skipIf(!HAS_SHARED)('records export (RIS, BibTeX, CSV) of real database exports', () => {
  let db: Db;
  const records = path.join(SHARED, 'review', 'records');
  beforeAll(async () => {
    db = project();
    for (const [file, source] of [['scopus.ris', 'Scopus'], ['pubmed_zotero.ris', 'PubMed'], ['embase.ris', 'Embase'], ['ovid_psycinfo.ris', 'PsycINFO']]) {
      await importRecords(db, path.join(records, file!), { source: source! });
    }
  });
  const essentials = (d: Db) => selectRecords(d).map((r) => ({ title: r.title, authors: r.authors, year: r.year, doi: r.doi, journal: r.journal }));

  it.each(['ris', 'bibtex'] as const)('%s read back by litkit gives the same titles, authors, years, DOIs and journals', async (format) => {
    const out = exportRecords(db, format);
    expect(out.records).toBe(selectRecords(db).length);
    expect(out.records).toBeGreaterThan(20);
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, format === 'ris' ? 'records.ris' : 'records.bib');
    fs.writeFileSync(file, out.text);
    const copy = project();
    const r = await importRecords(copy, file, { source: 'copy' });
    expect(r.problems).toEqual([]);
    expect(essentials(copy)).toEqual(essentials(db));
  });

  it('CSV has a row per record with authors joined by "; "', () => {
    const { text } = exportRecords(db, 'csv');
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('id,source,type,title,authors,year,journal,doi,pmid,url,keywords,abstract,duplicate_of,title_abstract,full_text');
    const first = selectRecords(db)[0]!;
    expect(text).toContain(first.authors.join('; '));
  });

  it('--select included gives the records screening settled as included', () => {
    const [a, b, c] = selectRecords(db);
    decide(db, a!.id, 'include', { reviewer: 'amina' });
    decide(db, b!.id, 'include', { reviewer: 'amina' });
    decide(db, b!.id, 'exclude', { reviewer: 'ben' }); // a conflict is not settled
    decide(db, c!.id, 'exclude', { reviewer: 'amina' });
    expect(selectRecords(db, 'included').map((r) => r.id)).toEqual([a!.id]);
    expect(selectRecords(db, 'excluded').map((r) => r.id)).toEqual([c!.id]);
    expect(exportRecords(db, 'ris', 'included').text.match(/^TY {2}- /gm)).toHaveLength(1);
  });
});

describe('CSV cells', () => {
  it('neutralises what a spreadsheet would run as a formula, and leaves numbers alone', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(csvCell('-1 in 5 staff')).toBe("'-1 in 5 staff");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-0.25)).toBe(-0.25);
    expect(csvCell('Fear of retaliation')).toBe('Fear of retaliation');
  });
});

describe('the project as JSON Lines', () => {
  it('has one line per object, codings with excerpts in UTF-16 offsets that quote right beside emoji', async () => {
    const { db, ids } = await exchangeProject();
    dirs.push(path.dirname(db.file));
    const lines: string[] = [];
    const r = exportJsonl(db, (l) => lines.push(l));
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects).toHaveLength(r.lines);
    expect(objects[0]).toMatchObject({ type: 'project', offsets: 'UTF-16 code units into the page text' });
    const count = (table: string) => db.sql.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    expect(r.counts).toMatchObject({ document: count('documents'), page: count('pages'), segment: count('segments'), coding: count('codings'), memo: count('memos'), code: count('codes') });
    const pages = new Map(objects.filter((o) => o.type === 'page').map((o) => [`${o.document}:${o.page}`, o.text as string]));
    for (const c of objects.filter((o) => o.type === 'coding')) {
      expect(c.excerpt).toBe(pages.get(`${c.document}:${c.page}`)!.slice(c.start as number, c.end as number));
    }
    expect(objects.find((o) => o.type === 'coding' && o.coder === 'amina' && o.document === ids.text)).toMatchObject({ excerpt: 'equal rights for every migrant worker' });
    expect(listCodings(db, { coder: 'amina', documentId: ids.text })[0]!.excerpt).toBe('equal rights for every migrant worker');
    db.close();
  });

  it('carries transcript speakers as cases with their attributes, and each turn names its case and time', async () => {
    const { db } = await exchangeProject();
    dirs.push(path.dirname(db.file));
    const file = path.join(path.dirname(db.file), 'interview-09.txt');
    fs.writeFileSync(file, 'Interview 09\n\n[00:01:05] Interviewer: What happened after you complained?\n\n[00:01:12] P2: Nothing. The manager retaliated and I was moved.\n\n[00:02:40] P2: Later I left the agency.\n');
    await ingest(db, [file], { jobs: 0 });
    setSpeakerAttributes(db, 'P2', { grade: 'G5', age: '52' });
    const lines: string[] = [];
    exportJsonl(db, (l) => lines.push(l));
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const p2 = objects.find((o) => o.type === 'case' && o.label === 'P2')!;
    expect(p2).toMatchObject({ kind: 'speaker', attributes: { grade: 'G5', age: 52, role: 'participant' } });
    const turns = objects.filter((o) => o.type === 'segment' && o.case === p2.id);
    expect(turns.map((t) => t.timeS)).toEqual([72, 160]);
    db.close();
  });
});
