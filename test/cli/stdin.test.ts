import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledFramework } from '../../src/core/coding/framework/index.js';
import { litkitSpawned, tempProject } from '../helpers.js';

// Stdin can only be tested through the binary: oclif's parser is what read it, and `-` reads
// file descriptor 0, which the in-process runner (test/cli-runner.ts) does not replace.
describe('stdin is read only where a command says so, with -', () => {
  let project: string;
  beforeAll(async () => {
    project = await tempProject();
  });
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  it('never turns piped text into a missing argument', async () => {
    const r = litkitSpawned(['query'], { cwd: project, input: 'text:staff\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('litkit: missing EXPRESSION; see `litkit query --help` (E_USAGE)\n');
  });

  it('reads a framework from stdin with framework load -', async () => {
    const yaml = fs.readFileSync(bundledFramework('race-equality'), 'utf8');
    const r = litkitSpawned(['framework', 'load', '-', '--json'], { cwd: project, input: yaml });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ framework: 'race-equality' });
    expect(fs.existsSync(path.join(project, '-'))).toBe(false);
  });
});
