import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSpeakerAttributes } from '../../../src/core/cases/index.js';
import { addCoding } from '../../../src/core/coding/index.js';
import { listDocuments } from '../../../src/core/documents/index.js';
import { ingest } from '../../../src/core/ingest/index.js';
import { exportQdpx, importQdpx } from '../../../src/core/interop/index.js';
import { Db } from '../../../src/core/store/index.js';
import { HAS_SHARED, SHARED, tempDir } from '../../helpers.js';
import { exchangeProject, unzipText, XMLLINT, xsdErrors } from '../../interop-fixture.js';

const INTERVIEW = 'Interview 09\n\n[00:01:05] Interviewer: What happened after you complained?\n\n[00:01:12] P2: Nothing. The manager retaliated and I was moved.\n\n[00:02:40] P2: Later I left the agency.\n';

// Speakers (and survey respondents) go to other tools as REFI-QDA cases with typed variables.
describe('people as QDPX cases', () => {
  let db: Db;
  let dir: string;
  let qde: string;
  let qdpx: string;
  beforeAll(async () => {
    ({ db, dir } = await exchangeProject());
    const file = path.join(dir, 'interview-09.txt');
    fs.writeFileSync(file, INTERVIEW);
    await ingest(db, [file], { jobs: 0 });
    setSpeakerAttributes(db, 'P2', { grade: 'G5', age: '52' });
    const doc = db.sql.prepare("SELECT id FROM documents WHERE title = 'Interview 09'").pluck().get() as number;
    addCoding(db, 'race', { quote: 'The manager retaliated', documentId: doc }, 'amina');
    qdpx = path.join(dir, 'people.qdpx');
    await exportQdpx(db, qdpx);
    qde = (await unzipText(qdpx)).get('project.qde')!;
  }, 60_000);
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes each speaker as a case with typed variables, its source and the coded passages it said', () => {
    const p2 = /<Case guid="([^"]+)" name="P2">(.*?)<\/Case>/.exec(qde);
    expect(p2).not.toBeNull();
    expect(p2![2]).toContain('<Description>speaker in Interview 09</Description>');
    const variable = (name: string) => new RegExp(`<Variable guid="([^"]+)" name="${name.replace('.', '\\.')}" typeOfVariable="(\\w+)"`).exec(qde);
    expect(variable('case.age')![2]).toBe('Integer');
    expect(variable('case.grade')![2]).toBe('Text');
    expect(p2![2]).toContain(`<VariableRef targetGUID="${variable('case.age')![1]}"/><IntegerValue>52</IntegerValue>`);
    // The coded passage P2 said is referenced by the selection the source holds.
    const refs = [...p2![2]!.matchAll(/<SelectionRef targetGUID="([^"]+)"\/>/g)].map((m) => m[1]);
    expect(refs).toHaveLength(1);
    expect(qde).toContain(`<PlainTextSelection guid="${refs[0]}"`);
    expect(/<Case guid="[^"]+" name="Interviewer">/.test(qde)).toBe(true);
  });

  it.skipIf(!XMLLINT || !HAS_SHARED)('stays valid against Project-mrt2019.xsd', () => {
    const file = path.join(dir, 'people.qde');
    fs.writeFileSync(file, qde);
    expect(xsdErrors(file, path.join(SHARED, 'interop', 'Project-mrt2019.xsd'))).toBe('');
  });

  it('is not folded into document attributes when imported back, and the import says so', async () => {
    const target = Db.open(path.join(fs.mkdtempSync(path.join(tempDir(), 'copy-')), 'litkit.sqlite'), { create: true });
    try {
      const r = await importQdpx(target, qdpx);
      expect(r.unmapped).toContainEqual(expect.stringMatching(/^2 cases of survey respondents or transcript speakers/));
      const interview = listDocuments(target).find((d) => d.title === 'Interview 09')!;
      expect(Object.keys(interview.attributes).filter((k) => k.startsWith('case'))).toEqual([]);
    } finally {
      target.close();
    }
  });
});
