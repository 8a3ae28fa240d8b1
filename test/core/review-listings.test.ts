import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { decide, importRecords, listRecords, prismaCounts, prismaMarkdown, readLabelledSet } from '../../src/core/review/index.js';
import { Db } from '../../src/core/store/index.js';
import { HAS_SHARED, SHARED, tempDir } from '../helpers.js';

const dir = tempDir('litkit-listings-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!HAS_SHARED)('review listings through the library, on real exports', () => {
  it('lists every imported record with its source and the title-abstract decisions made on it', async () => {
    const db = Db.open(path.join(dir, 'records.sqlite'), { create: true });
    try {
      const r = await importRecords(db, path.join(SHARED, 'review', 'records', 'pubmed_zotero.ris'), { source: 'PubMed' });
      decide(db, 2, 'include', { reviewer: 'amina' });
      decide(db, 2, 'exclude', { reviewer: 'ben', reason: 'wrong population' });
      const rows = listRecords(db);
      expect(rows).toHaveLength(r.imported);
      expect(rows.every((x) => x.source === 'PubMed' && x.title.length > 0)).toBe(true);
      expect(rows.find((x) => x.id === 2)!.decision).toBe('amina:include ben:exclude');
      expect(rows.find((x) => x.id === 1)!.decision).toBeNull();
      // The PRISMA table counts the same records, and its Markdown keeps a source's "|" inside its cell.
      db.sql.prepare("UPDATE record_sources SET name = 'PubMed | Zotero'").run();
      const md = prismaMarkdown(prismaCounts(db));
      expect(md).toContain(`| Records identified: PubMed \\| Zotero | ${r.imported} |`);
      expect(md.split('\n')[1]).toBe('| --- | ---: |');
    } finally {
      db.close();
    }
  });

  it('reads the Kitchenham 2010 labelled set as screen simulate replays it', () => {
    const file = path.join(SHARED, 'review', 'Kitchenham_2010.csv');
    const rows = parseCsv(fs.readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    const set = readLabelledSet(file, 'label_included');
    expect(set.texts).toHaveLength(rows.length);
    expect(set.labels.filter(Boolean).length).toBe(rows.filter((r) => r.label_included === '1').length);
    expect(set.labels.filter(Boolean).length).toBeGreaterThan(0);
    expect(set.texts[0]).toContain('International Outsourcing of Software Production');
  });
});

describe('labelled sets that cannot be replayed', () => {
  it('refuses a missing label column (exit 2) and a set with no includes (exit 3), naming the file', () => {
    const file = path.join(dir, 'none.csv');
    fs.writeFileSync(file, 'title,abstract,label\nA,x,0\nB,y,0\n');
    expect(() => readLabelledSet(file, 'label_included')).toThrow(expect.objectContaining({ code: 'E_USAGE', exitCode: 2 }));
    expect(() => readLabelledSet(file, 'label')).toThrow(expect.objectContaining({ code: 'E_LABELS', exitCode: 3, file }));
  });
});
