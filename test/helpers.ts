import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { type CliResult, type RunOptions, runInProcess } from './cli-runner.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'run.js');
export const CORPUS = path.join(ROOT, 'corpus');
/** Real-world files beside the project; absent on a user's fresh clone, so tests skip. */
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const HAS_SHARED = fs.existsSync(path.join(SHARED, 'corpus'));

export type { CliResult } from './cli-runner.js';

/** Runs litkit as a user would, in `cwd`, inside the test process (see cli-runner.ts); spawning costs 1-2 s a call. */
export function litkit(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return runInProcess(args, options);
}

/** Runs the built binary in a new process, for the few end-to-end tests of the README's flows. */
export function litkitSpawned(args: string[], options: RunOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, LITKIT_PROJECT: '', FORCE_COLOR: '0', ...options.env },
    encoding: 'utf8',
    input: options.input ?? '',
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs litkit with --json and parses what it printed. */
export async function litkitJson<T = unknown>(args: string[], options: { cwd?: string } = {}): Promise<{ code: number; data: T; stderr: string }> {
  const r = await litkit([...args, '--json'], options);
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
export async function tempProject(): Promise<string> {
  const dir = tempDir();
  const r = await litkit(['init', dir]);
  if (r.code !== 0) throw new Error(`init failed: ${r.stderr}`);
  return dir;
}

export { DEMO_STEPS, DEMO_TYPES } from './demo-steps.js';

/**
 * A new project holding the demo corpus, typed by folder and auto-coded with race-equality:
 * a copy of the one test/global-setup.ts builds once per run, so each caller may write to its own.
 */
export function codedDemoProject(): string {
  const dir = tempDir('litkit-demo-');
  fs.cpSync(inject('codedDemoProject'), dir, { recursive: true });
  return dir;
}

declare module 'vitest' {
  export interface ProvidedContext {
    codedDemoProject: string;
  }
}
