import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'run.js');
export const CORPUS = path.join(ROOT, 'corpus');
/** Real-world files beside the project; absent on a user's fresh clone, so tests skip. */
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const HAS_SHARED = fs.existsSync(path.join(SHARED, 'corpus'));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built litkit binary as a user would, in `cwd`. */
export function litkit(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, LITKIT_PROJECT: '', FORCE_COLOR: '0', ...options.env },
    encoding: 'utf8',
    input: options.input ?? '',
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs litkit with --json and parses what it printed. */
export function litkitJson<T = unknown>(args: string[], options: { cwd?: string } = {}): { code: number; data: T; stderr: string } {
  const r = litkit([...args, '--json'], options);
  let data: T;
  try {
    data = JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
  return { code: r.code, data, stderr: r.stderr };
}

/** A fresh temporary folder, removed by the caller's cleanup. */
export function tempDir(prefix = 'litkit-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A new project in a temporary folder; returns the folder. */
export function tempProject(): string {
  const dir = tempDir();
  const r = litkit(['init', dir]);
  if (r.code !== 0) throw new Error(`init failed: ${r.stderr}`);
  return dir;
}

/** The demo corpus's folders and the document type each stands for, as `npm run demo` ingests them. */
export const DEMO_TYPES: Record<string, string> = { policies: 'policy', reports: 'report', surveys: 'survey', transcripts: 'transcript', literature: 'literature' };

/** A new project holding the demo corpus, typed by folder and auto-coded with race-equality. */
export function codedDemoProject(): string {
  const project = tempProject();
  const steps = [
    ...Object.entries(DEMO_TYPES).map(([folder, type]) => ['ingest', path.join(CORPUS, folder), '--attr', `type=${type}`]),
    ['framework', 'load', 'race-equality'],
    ['code', 'auto'],
  ];
  for (const args of steps) {
    const r = litkit(args, { cwd: project });
    if (r.code !== 0) throw new Error(`litkit ${args.join(' ')} failed: ${r.stderr}`);
  }
  return project;
}
