import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveJobs, ingest, parseAttributes } from '../../src/core/ingest/index.js';
import { runQuery } from '../../src/core/query/index.js';
import { search } from '../../src/core/search/index.js';
import { Db, initProject } from '../../src/core/store/index.js';
import { readLimits } from '../../src/core/store/limits.js';
import { getSetting, setSetting } from '../../src/core/store/settings.js';
import { litkit, tempDir } from '../helpers.js';
import { thrown } from './fixture.js';

/** A DOCX whose body unpacks to `mib` MiB of spaces: a few KiB on disk, a zip bomb in small. */
async function inflatingDocx(file: string, mib: number): Promise<void> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  const body = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${' '.repeat(mib * 2 ** 20)}x</w:t></w:r></w:p></w:body></w:document>`;
  zip.file('word/document.xml', body);
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

describe('inputs past the limits fail alone, with the limit named', () => {
  let dir: string;
  let files: string;
  let db: Db;
  beforeAll(async () => {
    dir = tempDir();
    files = path.join(dir, 'in');
    fs.mkdirSync(files);
    db = Db.open(initProject(dir).file);
    // Limits set low, as a user would with `litkit config set`, so small files prove them.
    setSetting(db, 'limits.max-text-mb', '1');
    setSetting(db, 'limits.max-unzipped-mb', '2');
    fs.writeFileSync(path.join(files, 'fine.txt'), 'Staff feared retaliation after reporting.\n\nThe policy was revised in 2021.\n');
    // 1.5 MiB of text, written in pieces (never one big string), over the 1 MiB limit.
    const fd = fs.openSync(path.join(files, 'huge.txt'), 'w');
    for (let i = 0; i < 24; i++) fs.writeSync(fd, 'lorem ipsum dolor sit amet '.repeat(2427));
    fs.closeSync(fd);
    await inflatingDocx(path.join(files, 'bomb.docx'), 3);
    fs.writeFileSync(path.join(files, 'deep.html'), `<html><body>${'<div>'.repeat(50_000)}deep${'</div>'.repeat(50_000)}</body></html>`);
    fs.writeFileSync(path.join(files, 'deep.md'), `${'>'.repeat(100_000)} quoted\n`);
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a text file over limits.max-text-mb, a DOCX that unpacks past limits.max-unzipped-mb, and nesting past limits.max-html-depth; the good file is stored', async () => {
    const started = performance.now();
    const summary = await ingest(db, [files], { jobs: 0 });
    expect(performance.now() - started).toBeLessThan(5000);
    const failures = Object.fromEntries(summary.failures.map((f) => [path.basename(f.path), `${f.code}: ${f.message}`]));
    expect(failures).toEqual({
      'huge.txt': 'E_TOO_LARGE: the file is 1.5 MiB of text, over the 1.0 MiB limit for text files (limits.max-text-mb)',
      'bomb.docx': 'E_TOO_LARGE: the DOCX unpacks to more than 2 MiB (limits.max-unzipped-mb); it is refused before unpacking',
      'deep.html': 'E_TOO_DEEP: elements nest more than 512 levels deep (limits.max-html-depth)',
      'deep.md': 'E_TOO_DEEP: quotes nest 100000 levels deep, over the limit of 512 (limits.max-html-depth)',
    });
    expect(summary.stored).toBe(1);
    // Nothing of the refused files was written: one document, and only its pages and segments.
    expect(db.sql.prepare('SELECT source_path FROM documents').pluck().all()).toEqual([path.join(files, 'fine.txt')]);
    expect(db.sql.prepare('SELECT count(*) FROM pages WHERE document_id <> 1').pluck().get()).toBe(0);
    expect(db.sql.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('takes limits from config set, refusing values that are not whole numbers above 0', () => {
    expect(readLimits(db).maxTextBytes).toBe(2 ** 20);
    for (const bad of ['0', '-1', 'x', '1.5', '']) expect(thrown(() => setSetting(db, 'limits.max-text-mb', bad)).code).toBe('E_USAGE');
    expect(getSetting(db, 'limits.max-text-mb')).toBe('1');
  });

  it('caps --jobs at the CPU count', () => {
    expect(effectiveJobs(1000)).toBe(os.availableParallelism());
    expect(effectiveJobs(1)).toBe(1);
    expect(effectiveJobs()).toBe(os.availableParallelism());
  });

  it('refuses --attr keys that name object internals, with a usage error', () => {
    for (const key of ['__proto__', 'constructor', 'prototype', 'Constructor', 'bad key', '']) {
      const e = thrown(() => parseAttributes([`${key}=x`]));
      expect(e.code).toBe('E_USAGE');
      expect(e.exitCode).toBe(2);
    }
    expect(parseAttributes(['type=policy', 'country=Côte d\u001b[31mIvoire'])).toEqual({ type: 'policy', country: 'Côte dIvoire' });
  });

  it('reads doc.constructor and doc.__proto__ as attributes, never as object internals', () => {
    db.sql.prepare("INSERT INTO document_attributes (document_id, key, value) VALUES (1, 'constructor', 'x')").run();
    expect(runQuery(db, 'doc.constructor = x').excerpts.map((e) => e.documentId)).toEqual([1, 1]);
    expect(runQuery(db, 'doc.__proto__ = x').excerpts).toEqual([]);
    expect(runQuery(db, 'doc.toString = x').excerpts).toEqual([]);
  });

  it('refuses a 100 KB query and search at once, and nesting past the depth limit with E_QUERY', () => {
    const long = 'retaliation '.repeat(9000);
    const started = performance.now();
    for (const e of [thrown(() => runQuery(db, long)), thrown(() => search(db, long))]) {
      expect(e.code).toBe('E_QUERY');
      expect(e.exitCode).toBe(2);
      expect(e.message).toBe('the query is 108000 characters long, over the limit of 2000 (limits.max-query-chars)');
    }
    expect(performance.now() - started).toBeLessThan(1000);
    setSetting(db, 'limits.max-query-chars', '20000');
    try {
      const nested = `${'('.repeat(5000)}retaliation${')'.repeat(5000)}`;
      for (const e of [thrown(() => runQuery(db, nested)), thrown(() => runQuery(db, `${'NOT '.repeat(3000)}x`)), thrown(() => search(db, nested))]) {
        expect(e.code).toBe('E_QUERY');
        expect(e.message).toBe('the query nests parentheses or NOTs more than 64 deep (limits.max-query-depth)');
      }
      // Within the limits, nesting still works.
      expect(search(db, `${'('.repeat(10)}retaliation${')'.repeat(10)}`).map((h) => h.documentId)).toEqual([1]);
    } finally {
      setSetting(db, 'limits.max-query-chars', '2000');
    }
  });

  it('says once that --jobs 1000 is more than the CPUs, and ingests on', async () => {
    const project = path.join(dir, 'cli');
    initProject(project);
    const r = await litkit(['ingest', path.join(files, 'fine.txt'), '--jobs', '1000', '--project', project]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`litkit: --jobs 1000 is more than the ${os.availableParallelism()} CPUs here; using ${os.availableParallelism()} workers\n`);
    expect(r.stdout).toMatch(/^Ingested 1 file: 1 stored/);
  });
});
