import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, litkitSpawned, ROOT, tempDir } from './helpers.js';

// The README is the user's manual: a command missing from it is a defect, as in datasette's docs test.
describe('README', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'oclif.manifest.json'), 'utf8')) as {
    commands: Record<string, { id: string; flags: Record<string, { hidden?: boolean }> }>;
  };

  it('starts with the set-up command and the test command', () => {
    const head = readme.split('\n').slice(0, 15).join('\n');
    expect(head).toContain('npm ci && npm run demo');
    expect(head).toContain('npm test');
  });

  it.each(Object.keys(manifest.commands))('documents the %s command', (id) => {
    const words = id.split(':');
    // `docs list | show | rm` documents a topic's commands in one heading.
    const documented = readme.includes(`litkit ${words.join(' ')}`) || new RegExp(`litkit ${words.slice(0, -1).join(' ')} [^\\n]*\\b${words.at(-1)}\\b`).test(readme);
    expect(documented).toBe(true);
  });
});

// The README's tour, run as a user runs it: the built binary in new processes (bin/run.js, oclif's
// own error handling and exit codes). The other CLI tests run commands in-process (test/cli-runner.ts).
describe('the README tour, end to end through the built binary', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('litkit-readme-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('inits, ingests the policies, codes them, tabulates and writes a Word report', () => {
    const project = path.join(dir, 'review');
    const run = (args: string[]) => litkitSpawned(args, { cwd: fs.existsSync(project) ? project : dir });
    expect(run(['init', 'review'])).toMatchObject({ code: 0, stdout: `Created project ${path.join(project, 'litkit.sqlite')}\n` });
    const ingest = run(['ingest', path.join(CORPUS, 'policies'), '--attr', 'type=policy']);
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toMatch(/^Ingested 7 files: 7 stored, 0 without text, 0 skipped \(already in the project\), 0 failed; 15 pages, \d+ segments in /);
    expect(run(['framework', 'load', 'race-equality']).code).toBe(0);
    expect(run(['code', 'auto']).code).toBe(0);
    const table = run(['table', 'matrix', '--rows', 'intersectionality.*', '--cols', 'attr:type', '--format', 'md']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^\| code \| policy \| Total \|$/m);
    expect(table.stdout).toMatch(/^\| intersectionality\.gender \| [1-9]\d* \| [1-9]\d* \|$/m);
    expect(run(['report', 'desk-review', '--out', 'desk-review.docx']).code).toBe(0);
    expect(fs.readFileSync(path.join(project, 'desk-review.docx')).subarray(0, 2).toString()).toBe('PK');
    const refused = run(['report', 'desk-review', '--framework', 'nope', '--out', 'x.docx']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^litkit: .*\(E_[A-Z_]+\)\n$/);
    expect(fs.existsSync(path.join(project, 'x.docx'))).toBe(false);
  });
});
