import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocode } from '../../src/core/coding/index.js';
import { bundledFramework, loadFramework, parseFramework } from '../../src/core/coding/framework/index.js';
import { ingest } from '../../src/core/ingest/index.js';
import { cooccurrence } from '../../src/core/query/index.js';
import { reportData } from '../../src/core/render/index.js';
import { Db } from '../../src/core/store/index.js';
import { CORPUS, DEMO_TYPES, tempDir } from '../helpers.js';

// The demo corpus, typed by folder and auto-coded with race-equality, as `npm run demo` builds it.
describe('intersectionality tables and evidence gaps in the report model', () => {
  let dir: string;
  let db: Db;

  beforeAll(async () => {
    dir = tempDir();
    db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
    for (const [folder, type] of Object.entries(DEMO_TYPES)) await ingest(db, [path.join(CORPUS, folder)], { jobs: 0, attributes: { type } });
    const file = bundledFramework('race-equality');
    const text = fs.readFileSync(file, 'utf8');
    loadFramework(db, parseFramework(text, file), text);
    autocode(db, { framework: 'race-equality' });
  }, 30_000);
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('crosses race and racism with each dimension as `table cooccurrence` counts, quoting a sentence coded with both', async () => {
    const model = await reportData(db, {});
    const x = model.intersectionality!;
    expect(x.anchors.map((a) => a.id)).toEqual(['race', 'racism', 'racism.structural', 'racism.interpersonal']);
    expect(x.dimensions.map((d) => d.id)).toEqual(['intersectionality.gender', 'intersectionality.sogiesc', 'intersectionality.disability', 'intersectionality.age', 'intersectionality.religion', 'intersectionality.nationality']);
    const m = cooccurrence(db, {});
    const both = db.sql.prepare(
      `SELECT s.text FROM segments s WHERE s.id IN (SELECT segment_id FROM codings WHERE code_id = ?) AND s.id IN (SELECT segment_id FROM codings WHERE code_id = ?)`,
    );
    let quoted = 0;
    for (const d of x.dimensions) {
      for (const c of d.cells) {
        expect(c.excerpts, `${c.anchor} × ${d.id}`).toBe(m.cells[m.rows.indexOf(c.anchor)]![m.columns.indexOf(d.id)]);
        if (!c.excerpts) {
          expect(c.quote).toBeNull();
          expect(d.empty).toContain(c.anchorLabel);
          continue;
        }
        // The quote is a sentence of a segment coded with both codes, and names the document it cites.
        const texts = (both.pluck().all(c.anchor, d.id) as string[]).map((t) => t.replace(/\s+/g, ' '));
        expect(texts.some((t) => t.includes(c.quote!.text.replace(/…$/, ''))), c.quote!.text).toBe(true);
        // Cited author–date, as every quote of the report; the title form stays as its source.
        expect(c.quote!.citation).toMatch(/^\([^()]+, (19|20)\d\d[a-d]?, (p|para)\. \d+\)$/);
        expect(c.quote!.source).toMatch(/\((19|20)\d\d\), (p|para)\. \d+$/);
        expect(c.documents).toBeGreaterThanOrEqual(1);
        quoted++;
      }
    }
    // Race × gender and race × nationality: the crossings issue 12 found missing from the report.
    const cell = (dim: string) => x.dimensions.find((d) => d.id === dim)!.cells.find((c) => c.anchor === 'race')!;
    expect(cell('intersectionality.gender').excerpts).toBeGreaterThan(10);
    expect(cell('intersectionality.nationality').excerpts).toBeGreaterThan(10);
    expect(quoted).toBeGreaterThan(12);
  });

  it('states each code’s gap by one rule from the counts the report shows', async () => {
    const model = await reportData(db, {});
    for (const c of Object.values(model.byId)) {
      const gap = model.gaps[c.id]!;
      if (c.excerpts === 0) expect(gap).toEqual({ level: 'none', text: 'No evidence in the sources reviewed' });
      else if (c.excerpts < 3 || c.documents === 1) expect(gap.level).toBe('thin');
      else expect(['one-sided', 'covered']).toContain(gap.level);
    }
    const levels = new Set(Object.values(model.gaps).map((g) => g.level));
    expect(levels.has('covered')).toBe(true);
    expect(model.gapRule).toMatch(/fewer than 3 excerpts or a single document: thin evidence/);
  });
});
