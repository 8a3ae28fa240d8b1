import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCoding, addMemo, agreement, listCodings, listMemos } from '../../../src/core/coding/index.js';
import { bundledFramework, loadFramework, parseFramework } from '../../../src/core/coding/framework/index.js';
import { ingest } from '../../../src/core/ingest/index.js';
import { exportQdpx, merge } from '../../../src/core/interop/index.js';
import { Db } from '../../../src/core/store/index.js';
import { CORPUS, tempDir } from '../../helpers.js';

const SHARED_DOC = path.join(CORPUS, 'policies', 'disability-inclusion-policy-2021.docx');

/** A coder's own project: the shared document (and one more), the race-equality framework, no auto codings. */
async function coderProject(root: string, name: string, extra: string): Promise<Db> {
  fs.mkdirSync(path.join(root, name));
  const db = Db.open(path.join(root, name, 'litkit.sqlite'), { create: true });
  await ingest(db, [SHARED_DOC, extra], { jobs: 0 });
  const file = bundledFramework('race-equality');
  const yaml = fs.readFileSync(file, 'utf8');
  loadFramework(db, parseFramework(yaml, file), yaml);
  return db;
}

const segment = (db: Db, seq: number) => db.sql.prepare("SELECT s.id FROM segments s JOIN documents d ON d.id = s.document_id WHERE d.source_path LIKE '%disability-inclusion-policy-2021.docx' AND s.seq = ?").pluck().get(seq) as number;

describe("merging two coders' projects", () => {
  let root: string;
  let amina: Db;
  let ben: Db;
  let first: Awaited<ReturnType<typeof merge>>;

  beforeAll(async () => {
    root = tempDir();
    amina = await coderProject(root, 'amina', path.join(CORPUS, 'reports', 'workforce-data-note.txt'));
    ben = await coderProject(root, 'ben', path.join(CORPUS, 'transcripts', 'interview-transcript-07.txt'));
    for (const seq of [1, 2, 3, 4]) addCoding(amina, 'race', { segmentId: segment(amina, seq) }, 'amina');
    for (const seq of [3, 4, 5]) addCoding(ben, 'race', { segmentId: segment(ben, seq) }, 'ben');
    addCoding(ben, 'racism', { segmentId: segment(ben, 1) }, 'ben');
    addMemo(ben, { kind: 'code', id: 'race' }, 'ben', 'I code race only where the text names it.');
    // Merged once here, so that each test below starts from the merged project whatever the order.
    first = await merge(amina, path.join(root, 'ben'));
  }, 60_000);
  afterAll(() => {
    amina.close();
    ben.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('brings the other coder\'s codings and memos for the shared document, reports the rest, and gives the known kappa', async () => {
    const r = first;
    expect(r.documents.matched).toBe(1);
    expect(r.documents.onlyThere).toEqual(['Interview transcript 07: Human resources partner, headquarters']);
    expect(r.documents.onlyHere).toHaveLength(1);
    expect(r.documents.onlyHere[0]).toMatch(/^Technical note: Collecting and using/);
    expect(r.codings).toMatchObject({ added: 4, duplicates: 0 });
    expect(r.coders).toEqual(['ben']);
    // Same span (segment 1), different code: amina's race, ben's racism.
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]).toMatchObject({ here: ['race'], incoming: 'racism', coder: 'ben' });
    expect(listMemos(amina).map((m) => `${m.target}:${m.author}:${m.text}`)).toEqual(['code race:ben:I code race only where the text names it.']);
    expect(listCodings(amina, { coder: 'ben' }).map((c) => c.code).sort()).toEqual(['race', 'race', 'race', 'racism']);

    // The document has 16 segments. On race: amina codes 1-4, ben 3-5, so both 2 (3, 4),
    // amina only 2 (1, 2), ben only 1 (5), neither 11. po = 13/16 = 0.8125; amina's rate 4/16,
    // ben's 3/16; pe = 0.25 * 0.1875 + 0.75 * 0.8125 = 0.65625; kappa = (0.8125 - 0.65625) /
    // (1 - 0.65625) = 0.15625 / 0.34375 = 5/11 = 0.4545.
    const a = agreement(amina, { coders: ['amina', 'ben'], codes: ['race'] });
    expect(a.byCode[0]).toMatchObject({ both: 2, firstOnly: 2, secondOnly: 1, neither: 11 });
    expect(a.byCode[0]!.kappa).toBeCloseTo(5 / 11, 10);
  });

  it('merging again adds nothing: exact duplicates are skipped', async () => {
    const r = await merge(amina, path.join(root, 'ben', 'litkit.sqlite'));
    expect(r.codings).toMatchObject({ added: 0, duplicates: 4 });
    expect(r.memos).toMatchObject({ added: 0, duplicates: 1 });
  });

  it('merges a QDPX export of the other project the same way', async () => {
    const qdpx = path.join(root, 'ben.qdpx');
    await exportQdpx(ben, qdpx);
    const fresh = await coderProject(root, 'amina2', path.join(CORPUS, 'reports', 'workforce-data-note.txt'));
    for (const seq of [1, 2, 3, 4]) addCoding(fresh, 'race', { segmentId: segment(fresh, seq) }, 'amina');
    const r = await merge(fresh, qdpx);
    expect(r.codings.added).toBe(4);
    expect(r.conflicts).toHaveLength(1);
    expect(agreement(fresh, { coders: ['amina', 'ben'], codes: ['race'] }).byCode[0]!.kappa).toBeCloseTo(5 / 11, 10);
    fresh.close();
  });

  it('refuses to merge a project into itself', async () => {
    await expect(merge(amina, path.join(root, 'amina'))).rejects.toThrow(/into itself/);
  });
});
