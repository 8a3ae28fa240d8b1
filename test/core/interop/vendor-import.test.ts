import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listMemos } from '../../../src/core/coding/index.js';
import { allCodes, listFrameworks } from '../../../src/core/coding/framework/index.js';
import { listDocuments } from '../../../src/core/documents/index.js';
import { importCodebook, importQdpx } from '../../../src/core/interop/index.js';
import { Db } from '../../../src/core/store/index.js';
import { HAS_SHARED, SHARED, tempDir } from '../../helpers.js';

const INTEROP = path.join(SHARED, 'interop');
const dirs: string[] = [];
function project(): Db {
  const dir = tempDir();
  dirs.push(dir);
  return Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe.skipIf(!HAS_SHARED)('importing the real vendor QDPX files', () => {
  it('MAXQDA 24: 307 codes in a two-level codebook with definitions and colours, 10 text sources, 2 sets as attributes, no codings', async () => {
    const db = project();
    const r = await importQdpx(db, path.join(INTEROP, 'maxqda24-project.qdpx'));
    const codes = [...allCodes(db).values()];
    // The file itself: 18 categories and 289 codes under them (counted with a separate XML parser);
    // the "343 codes" does not match the file as shipped.
    expect(codes).toHaveLength(307);
    expect(codes.filter((c) => c.parentId === null)).toHaveLength(18);
    expect(r.codes.added).toHaveLength(307);
    const affinity = codes.find((c) => c.label === 'THEME - Affinity Spaces (Gee)')!;
    expect(affinity.definition).toBe("Apply this code when a study uses Gee's concept of affinity spaces.");
    expect(affinity.colour).toBe('#ef8256');
    expect(codes.find((c) => c.id === affinity.parentId)!.label).toBe('Additional Themes and Ideas');
    expect(listFrameworks(db)).toHaveLength(1);

    const docs = listDocuments(db);
    expect(docs).toHaveLength(10);
    expect(r.documents.added).toBe(10);
    const first = docs.find((d) => d.title === 'ICLS 2024 27-34')!;
    expect(first.attributes.set).toBe('ICLS 2024');
    expect(docs.filter((d) => d.attributes.set === 'ICLS 2025')).toHaveLength(5);
    // The stored text is the source file's, to the character.
    const zipText = db.sql.prepare('SELECT group_concat(text, char(12)) FROM (SELECT text FROM pages WHERE document_id = ? ORDER BY number)').pluck().get(first.id) as string;
    expect(zipText.startsWith('A Multilevel Analysis of Factors Associated with Secondary School Teachers')).toBe(true);
    expect(first.segments).toBeGreaterThan(20);
    expect(r.codings.added).toBe(0);
    expect(r.coders).toEqual([]);
    expect(r.unmapped).toEqual([]);
  });

  it('ATLAS.ti 23: a nested code hierarchy with no sources; an empty project imports nothing and says so', async () => {
    const db = project();
    const r = await importQdpx(db, path.join(INTEROP, 'atlas-target-project.qdpx'));
    const codes = [...allCodes(db).values()];
    expect(codes.map((c) => c.label).sort()).toEqual(['2022-02-11T10:39:25Z cdbfd92', '2022-05-10T02:05:59Z 19e4dce', 'Commits']);
    const commits = codes.find((c) => c.label === 'Commits')!;
    expect(codes.filter((c) => c.parentId === commits.id)).toHaveLength(2);
    expect(r.documents.added).toBe(0);

    const blank = project();
    const b = await importQdpx(blank, path.join(INTEROP, 'atlas-blank-project.qdpx'));
    expect(b.codes.added).toEqual([]);
    expect(listFrameworks(blank)).toEqual([]);
    expect(b.documents.added).toBe(0);
    expect(listMemos(blank)).toEqual([]);
  });

  it('re-importing the same file adds nothing: codes match by their path of labels, sources by their text', async () => {
    const db = project();
    await importQdpx(db, path.join(INTEROP, 'maxqda24-project.qdpx'));
    const again = await importQdpx(db, path.join(INTEROP, 'maxqda24-project.qdpx'));
    expect(again.codes.added).toEqual([]);
    expect(again.codes.matched).toBe(307);
    expect(again.documents).toMatchObject({ added: 0, matched: 10 });
    expect(listDocuments(db)).toHaveLength(10);
  });
});
