import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { runInProcess } from './cli-runner.js';
import { DEMO_STEPS } from './demo-steps.js';

/**
 * Builds the coded demo project once per run (ingest, framework load, auto-code: the slowest setup
 * the CLI tests share); each test file copies it through codedDemoProject().
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litkit-demo-master-'));
  const init = await runInProcess(['init', dir]);
  if (init.code !== 0) throw new Error(`litkit init failed: ${init.stderr}`);
  for (const args of DEMO_STEPS) {
    const r = await runInProcess(args, { cwd: dir });
    if (r.code !== 0) throw new Error(`litkit ${args.join(' ')} failed: ${r.stderr}`);
  }
  project.provide('codedDemoProject', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
