import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

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
