import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCodings, listMemos } from '../../../src/core/coding/index.js';
import { allCodes } from '../../../src/core/coding/framework/index.js';
import { listDocuments } from '../../../src/core/documents/index.js';
import { exportQdpx, importQdpx, type QdpxExportReport } from '../../../src/core/interop/index.js';
import { Db } from '../../../src/core/store/index.js';
import { HAS_SHARED, SHARED, tempDir } from '../../helpers.js';
import { exchangeProject, MULTILINGUAL, unzipText, XMLLINT, xsdErrors } from '../../interop-fixture.js';

const pagesOf = (db: Db, id: number) => db.sql.prepare('SELECT text FROM pages WHERE document_id = ? ORDER BY number').pluck().all(id) as string[];

describe('litkit → QDPX → a new litkit project', () => {
  let source: Db;
  let target: Db;
  let dir: string;
  let ids: { pdf: number; docx: number; text: number };
  let qdpx: string;
  let exported: QdpxExportReport;
  let imported: Awaited<ReturnType<typeof importQdpx>>;

  beforeAll(async () => {
    ({ db: source, dir, ids } = await exchangeProject());
    qdpx = path.join(dir, 'exchange.qdpx');
    exported = await exportQdpx(source, qdpx);
    fs.mkdirSync(path.join(dir, 'copy'), { recursive: true });
    target = Db.open(path.join(dir, 'copy', 'litkit.sqlite'), { create: true });
    // Imported once here, so that each test below reads the same copy whatever the order.
    imported = await importQdpx(target, qdpx);
  }, 60_000);
  afterAll(() => {
    source?.close();
    target?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a zip of project.qde and one plain-text file per document under sources/', async () => {
    const files = await unzipText(qdpx);
    expect([...files.keys()].filter((f) => f.startsWith('sources/'))).toHaveLength(3);
    expect(files.get('project.qde')).toContain('<Project xmlns="urn:QDA-XML:project:1.0"');
    expect(exported).toMatchObject({ documents: 3, users: 3, memos: 4 });
    expect(exported.codings).toBe(listCodings(source).length);
    // Pages are joined with form feeds; the multilingual text is there exactly, in UTF-8.
    expect([...files.values()]).toContain(pagesOf(source, ids.text).join('\f'));
    expect(pagesOf(source, ids.text).join('\f')).toBe(MULTILINGUAL);
  });

  it('writes positions in Unicode code points, not UTF-16 units', async () => {
    const qde = (await unzipText(qdpx)).get('project.qde')!;
    const quote = 'equal rights for every migrant worker';
    const at = MULTILINGUAL.indexOf(quote);
    const codePoints = [...MULTILINGUAL.slice(0, at)].length;
    // 🌍 and the skin tone 🏾 lie beyond the BMP (two UTF-16 units each, one code point); ✊ does not.
    expect(at - codePoints).toBe(2);
    expect(qde).toContain(`startPosition="${codePoints}" endPosition="${codePoints + quote.length}"`);
  });

  it.skipIf(!XMLLINT || !HAS_SHARED)(`project.qde is valid against Project-mrt2019.xsd${XMLLINT ? '' : ' (SKIPPED: xmllint from Debian libxml2-utils is not installed)'}`, async () => {
    const qde = path.join(dir, 'project.qde');
    fs.writeFileSync(qde, (await unzipText(qdpx)).get('project.qde')!);
    expect(xsdErrors(qde, path.join(SHARED, 'interop', 'Project-mrt2019.xsd'))).toBe('');
  });

  it('gives back the same documents, text identical, with their fields and attributes', async () => {
    const r = imported;
    expect(r.documents).toMatchObject({ added: 3, matched: 0 });
    expect(r.unmapped).toEqual([]);
    expect(r.quirks).toEqual([]);
    const before = listDocuments(source);
    const after = listDocuments(target);
    const strip = (d: (typeof before)[number]) => ({ title: d.title, authors: d.authors, year: d.year, format: d.format, pages: d.pages, segments: d.segments, sha256: d.sha256, sourcePath: d.sourcePath, attributes: d.attributes });
    expect(after.map(strip)).toEqual(before.map(strip));
    for (const d of before) {
      const copy = after.find((a) => a.sha256 === d.sha256)!;
      expect(pagesOf(target, copy.id)).toEqual(pagesOf(source, d.id));
    }
  });

  it('gives back the codes (ids, labels, definitions, colours, hierarchy and rules)', () => {
    const strip = (m: ReturnType<typeof allCodes>) => [...m.values()].map((c) => ({ id: c.id, parentId: c.parentId, label: c.label, definition: c.definition, colour: c.colour, rules: c.rules, frameworkId: c.frameworkId }));
    expect(strip(allCodes(target))).toEqual(strip(allCodes(source)));
  });

  it('gives back every coding: same code, coder, page, offsets and excerpt', () => {
    const key = (db: Db) =>
      listCodings(db)
        .map((c) => `${c.title}|${c.code}|${c.coder}|${c.page}|${c.start}|${c.end}|${c.excerpt}`)
        .sort();
    const after = key(target);
    expect(after).toEqual(key(source));
    expect(after.some((k) => k.includes('|amina|') && k.endsWith('|equal rights for every migrant worker'))).toBe(true);
    expect(after.some((k) => k.includes('|bén|') && k.endsWith('|人人生而自由'))).toBe(true);
    expect(after.some((k) => k.endsWith('|Les travailleurs migrants 👷🏿 ont droit'))).toBe(true);
  });

  it('gives back the memos on the project, codes, documents and codings, with their authors', () => {
    const describeMemo = (db: Db) =>
      listMemos(db)
        .map((m) => {
          const [kind, id] = m.target.split(' ');
          const target =
            kind === 'document' ? db.sql.prepare('SELECT title FROM documents WHERE id = ?').pluck().get(Number(id))
            : kind === 'coding' ? listCodings(db).find((c) => c.id === Number(id))!.excerpt
            : m.target;
          return `${kind}:${target}:${m.author}:${m.text}`;
        })
        .sort();
    expect(describeMemo(target)).toEqual(describeMemo(source));
    expect(describeMemo(target)).toContain('coding:equal rights for every migrant worker:amina:A campaign, not a policy <but> quoted & kept.');
  });

  it('importing the same file again adds nothing', async () => {
    const again = await importQdpx(target, qdpx);
    expect(again.documents).toMatchObject({ added: 0, matched: 3 });
    expect(again.codings).toMatchObject({ added: 0, duplicates: exported.codings });
    expect(again.memos.added).toBe(0);
  });

  it('exports only the documents a query selects with --where', async () => {
    const part = path.join(dir, 'part.qdpx');
    const r = await exportQdpx(source, part, { where: 'doc.type = declaration' });
    expect(r.documents).toBe(1);
    expect(r.codings).toBe(listCodings(source, { documentId: ids.text }).length);
    const files = await unzipText(part);
    expect([...files.keys()].filter((f) => f.startsWith('sources/'))).toHaveLength(1);
  });

  it('refuses to write over the project database', async () => {
    await expect(exportQdpx(source, source.file)).rejects.toMatchObject({ code: 'E_OUT', exitCode: 2 });
    const alias = `${source.file}-alias.qdpx`;
    fs.symlinkSync(source.file, alias);
    await expect(exportQdpx(source, alias)).rejects.toMatchObject({ code: 'E_OUT', exitCode: 2 });
  });
});

describe('a QDPX that is not one', () => {
  it('names the file and the cause', async () => {
    const dir = tempDir();
    const bad = path.join(dir, 'notes.qdpx');
    fs.writeFileSync(bad, 'plain words, not a zip');
    const db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
    await expect(importQdpx(db, bad)).rejects.toMatchObject({ code: 'E_QDPX', exitCode: 3, file: bad });
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
