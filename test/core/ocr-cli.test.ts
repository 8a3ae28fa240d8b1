import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { litkit, litkitJson, litkitSpawned, tempDir, tempProject } from '../helpers.js';
import { textImage } from './ocr-image.js';

/**
 * Loaded into litkit and every worker thread it starts (NODE_OPTIONS --require reaches workers):
 * any network connection or fetch is refused and written down, so OCR must run from installed data.
 */
const NETWORK_GUARD = `
const fs = require('node:fs');
const net = require('node:net');
const { isMainThread } = require('node:worker_threads');
const log = (line) => fs.appendFileSync(process.env.LITKIT_TEST_NET_LOG, line + '\\n');
const refuse = (what) => { log('attempted ' + what); throw new Error('network blocked by the test: ' + what); };
net.Socket.prototype.connect = function () { return refuse('a connection'); };
globalThis.fetch = (url) => refuse('fetch ' + url);
log('guard in ' + (isMainThread ? 'main thread' : 'worker thread'));
`;

describe('litkit ingest --ocr, as a user runs it', () => {
  let project: string;
  let files: string;
  let image: string;
  // Each test on its own project, so that either runs alone.
  beforeEach(async () => {
    project = await tempProject();
  });
  afterEach(() => fs.rmSync(project, { recursive: true, force: true }));
  beforeAll(() => {
    files = tempDir();
    image = path.join(files, 'scan.png');
    fs.writeFileSync(image, textImage(['Promotion panels met twice a year in every region.']));
  });
  afterAll(() => fs.rmSync(files, { recursive: true, force: true }));

  it('without --ocr stores the image without text and says how to read it', async () => {
    const r = await litkit(['ingest', image], { cwd: project });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 without text');
    expect(r.stdout).toContain('litkit ingest --ocr FILE');
  });

  it('with --ocr reads it again in the worker pool, with the network blocked, and lists it', async () => {
    expect((await litkit(['ingest', image], { cwd: project })).stdout).toContain('1 without text');
    const netLog = path.join(files, 'network.log');
    const guard = path.join(files, 'guard.cjs');
    fs.writeFileSync(guard, NETWORK_GUARD);
    // Spawned: NODE_OPTIONS reaches only a new process (and its worker threads).
    const r = litkitSpawned(['ingest', '--ocr', '--jobs', '1', image, '--json'], {
      cwd: project,
      env: { NODE_OPTIONS: `--require ${guard}`, LITKIT_TEST_NET_LOG: netLog },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ stored: 1, skipped: 0 });
    const lines = fs.readFileSync(netLog, 'utf8');
    expect(lines).toContain('guard in worker thread'); // the guard reached the threads where OCR runs
    expect(lines).not.toContain('attempted');

    const listed = await litkitJson<{ id: number; ocrPages: { page: number; confidence: number }[] }[]>(['docs', 'list', '--ocr'], { cwd: project });
    expect(listed.data).toEqual([{ id: 1, title: expect.any(String), sourcePath: image, pages: 1, ocrPages: [{ page: 1, confidence: expect.any(Number) }], confidence: expect.any(Number) }]);
    const hits = await litkitJson<{ page: number }[]>(['search', '"promotion panels"'], { cwd: project });
    expect(hits.data.map((h) => h.page)).toEqual([1]);
  });
});
