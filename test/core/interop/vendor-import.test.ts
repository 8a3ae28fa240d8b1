import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { listCodings, listMemos } from '../../../src/core/coding/index.js';
import { allCodes, listFrameworks } from '../../../src/core/coding/framework/index.js';
import { listDocuments } from '../../../src/core/documents/index.js';
import { importQdpx } from '../../../src/core/interop/index.js';
import { HAS_SHARED, SHARED, tempDir } from '../../helpers.js';
import { tempDb } from '../../interop-fixture.js';

const INTEROP = path.join(SHARED, 'interop');
const dirs: string[] = [];
const project = () => tempDb(dirs);
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

  it('tolerates and reports the quirks of real exports: a .qde named after the project, internal:/ with one slash, inline text without a path, CRLF, BOMs', async () => {
    // The MAXQDA file, repackaged the way ATLAS.ti and others write theirs.
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(INTEROP, 'maxqda24-project.qdpx')));
    let qde = await zip.file('project.qde')!.async('string');
    const crlfGuid = '07B03AB2-5E9B-4708-9D6F-ED80C1513BAE';
    const inlineGuid = 'C5E4C960-5296-4FDE-8C63-DEABA4E17F92';
    const lf = await zip.file(`sources/${crlfGuid}.txt`)!.async('string');
    const crlf = lf.replace(/\n/g, '\r\n');
    // A phrase a few lines down, so that the CRs before it count.
    const phrase = lf.split('\n').find((l, i) => i > 3 && l.length > 40)!.slice(0, 30);
    // Positions count the file's characters, CR and LF both, in code points.
    const start = [...crlf.slice(0, crlf.indexOf(phrase))].length;
    const inlineText = await zip.file(`sources/${inlineGuid}.txt`)!.async('string');
    qde = qde
      .replace(`plainTextPath="internal://${crlfGuid}.txt" modifiedDateTime="2024-10-18T23:23:37Z"/>`, `plainTextPath="internal:/${crlfGuid}.txt" modifiedDateTime="2024-10-18T23:23:37Z"><PlainTextSelection guid="11111111-2222-3333-4444-555555555555" startPosition="${start}" endPosition="${start + phrase.length}"><Coding guid="11111111-2222-3333-4444-666666666666" creatingUser="F3EA8DA1-BB99-411F-8ED4-011170237B6C"><CodeRef targetGUID="C6C1BE73-B4F4-4C2D-91F1-90B73BFC5C25"/></Coding></PlainTextSelection></TextSource>`)
      .replace(` plainTextPath="internal://${inlineGuid}.txt" modifiedDateTime="2024-10-18T23:23:46Z"/>`, ` modifiedDateTime="2024-10-18T23:23:46Z"><PlainTextContent>${inlineText.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</PlainTextContent></TextSource>`)
      .replace('</Sources>', '<PictureSource guid="11111111-2222-3333-4444-777777777777" name="Figure 1" path="internal://figure.png"/></Sources>');
    zip.remove('project.qde');
    zip.file('2025-06-16_ICLS.qde', `\uFEFF${qde}`);
    zip.remove(`sources/${inlineGuid}.txt`);
    zip.file(`sources/${crlfGuid}.txt`, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf)]));
    const dir = tempDir();
    dirs.push(dir);
    const quirky = path.join(dir, 'quirky.qdpx');
    fs.writeFileSync(quirky, await zip.generateAsync({ type: 'nodebuffer' }));

    const db = project();
    const r = await importQdpx(db, quirky);
    expect(r.documents.added).toBe(10);
    expect(r.quirks.join('\n')).toMatch(/project XML named "2025-06-16_ICLS.qde"/);
    expect(r.quirks.join('\n')).toMatch(/byte order mark at the start of the project XML/);
    expect(r.quirks.join('\n')).toMatch(/internal:\/ paths/);
    expect(r.quirks.join('\n')).toMatch(/inline PlainTextContent instead of a plainTextPath/);
    expect(r.quirks.join('\n')).toMatch(/byte order marks at the start of source texts/);
    expect(r.quirks.join('\n')).toMatch(/CRLF line ends in 1 source text/);
    expect(r.unmapped).toEqual(['1 picture source (Figure 1): litkit holds text only']);
    const codings = listCodings(db);
    expect(codings).toHaveLength(1);
    expect(codings[0]).toMatchObject({ excerpt: phrase, coder: 'johnb' });
    const inline = listDocuments(db).find((d) => d.title === 'ICLS 2024 3-10')!;
    expect(db.sql.prepare('SELECT text FROM pages WHERE document_id = ?').pluck().get(inline.id)).toBe(inlineText);
  });
});
