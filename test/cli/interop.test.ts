import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED, litkit, litkitJson, SHARED, tempProject } from '../helpers.js';

// The README's exchange flow, end to end through the built binary: a few spawns, the rest is tested through the library.
describe.skipIf(!HAS_SHARED)('litkit import qdpx, export qdpx, framework export --format qdc, code list --format, merge', () => {
  let project: string;
  beforeAll(async () => {
    project = await tempProject();
  });
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  it('imports MAXQDA 24 and says what came in', async () => {
    const r = await litkitJson<{ documents: { added: number }; codes: { added: string[] }; unmapped: string[] }>(['import', 'qdpx', path.join(SHARED, 'interop', 'maxqda24-project.qdpx')], { cwd: project });
    expect(r.code).toBe(0);
    expect(r.data.documents.added).toBe(10);
    expect(r.data.codes.added).toHaveLength(307);
  });

  it('exports the project as a zip, and the codebook as QDC on stdout', async () => {
    const out = await litkit(['export', 'qdpx', 'back.qdpx'], { cwd: project });
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/^Wrote back\.qdpx \(\d+ KB\): 10 documents, 307 codes/);
    expect(fs.readFileSync(path.join(project, 'back.qdpx')).subarray(0, 2).toString()).toBe('PK');
    const qdc = await litkit(['framework', 'export', '--format', 'qdc'], { cwd: project });
    expect(qdc.stdout.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"')).toBe(true);
    expect(qdc.stdout.match(/<Code /g)).toHaveLength(307);
  });

  it('a merge of a file that is not there fails with one line and exit 3', async () => {
    const r = await litkit(['merge', 'missing.qdpx'], { cwd: project });
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toBe('litkit: missing.qdpx: no such file (E_NOT_FOUND)');
  });

  it('code list --format csv keeps the columns of --csv first', async () => {
    const r = await litkit(['code', 'list', '--format', 'csv'], { cwd: project });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('id,code,coder,status,score,citation,excerpt,document_id,title,page,start,end,rule,created_at');
  });
});
