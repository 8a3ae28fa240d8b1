import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledFramework, loadFramework, parseFramework } from '../../src/core/coding/framework/index.js';
import { ingest } from '../../src/core/ingest/index.js';
import { Db, initProject } from '../../src/core/store/index.js';
import { litkit, litkitJson, tempDir } from '../helpers.js';

interface Shown {
  kinds: Record<string, number>;
  segmentList: { seq: number; kind: string; para: number | null; citation: string; text: string }[];
}

describe('litkit code auto --include-kinds and docs show --segments', () => {
  let dir: string;
  beforeAll(async () => {
    // The project is built through the library; only the commands under test are spawned.
    dir = tempDir();
    const file = path.join(dir, 'note.txt');
    fs.writeFileSync(file, 'Recruitment note\n\nRecruitment and selection\n\nPanels shortlist applicants on merit.\n\nApply Now\n');
    const db = Db.open(initProject(dir).file);
    await ingest(db, [file], { jobs: 0 });
    const fwFile = bundledFramework('race-equality');
    const source = fs.readFileSync(fwFile, 'utf8');
    loadFramework(db, parseFramework(source, fwFile), source);
    db.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists each segment with its kind, reader paragraph number and citation', async () => {
    const { code, data } = await litkitJson<Shown>(['docs', 'show', '1', '--segments', '--project', dir]);
    expect(code).toBe(0);
    expect(data.segmentList.map((s) => [s.kind, s.para, s.text])).toEqual([
      ['heading', null, 'Recruitment note'],
      ['heading', null, 'Recruitment and selection'],
      ['body', 1, 'Panels shortlist applicants on merit.'],
      ['boilerplate', null, 'Apply Now'],
    ]);
    expect(data.segmentList[1]!.citation).toBe('Recruitment note (n.d.), para. 1'); // a heading is cited by the paragraph it introduces
    expect(data.kinds).toEqual({ heading: 2, body: 1, boilerplate: 1 });
  });

  it('codes headings only when --include-kinds asks, and refuses an unknown kind with a usage error', async () => {
    const all = await litkitJson<{ segments: number }>(['code', 'auto', '--include-kinds', 'all', '--project', dir]);
    expect(all.code).toBe(0);
    expect(all.data.segments).toBe(4);
    const bad = await litkit(['code', 'auto', '--include-kinds', 'heading,footnote', '--project', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('litkit: unknown segment kind "footnote"; use a comma list of heading, body, list, table, caption, reference, boilerplate, or all (E_USAGE)');
  });
});
