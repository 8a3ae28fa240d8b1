import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCodings } from '../../src/core/coding/index.js';
import { codedProject, type CodedProject } from '../core/coding-fixture.js';
import { CORPUS, litkit } from '../helpers.js';

describe('litkit code review', () => {
  let p: CodedProject;
  beforeAll(async () => {
    p = await codedProject([path.join(CORPUS, 'reports', 'workforce-data-note.txt')]);
  });
  afterAll(() => p.close());

  it('takes keys from a pipe: accept, reject, undo the reject, quit', async () => {
    const r = await litkit(['code', 'review', '--project', p.dir, '--coder', 'amina'], { input: 'a\nr\nu\nq\n' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const accepted = /^Accepted #(\d+) (\S+) by amina: Technical note.*, para\. \d+$/m.exec(r.stdout);
    const rejected = /^Rejected #(\d+) (\S+) by amina: /m.exec(r.stdout);
    expect(accepted).not.toBeNull();
    expect(rejected).not.toBeNull();
    expect(r.stdout).toContain(`Undid: Rejected #${rejected![1]} ${rejected![2]} by amina`);
    expect(r.stdout).toMatch(/confidence 0\.\d\d/);
    expect(r.stdout).toMatch(/\*\*[^*]+\*\*/); // the matched words, marked
    expect(r.stdout.trimEnd().endsWith('1 decision recorded.')).toBe(true);
    expect(listCodings(p.db, { status: 'accepted' }).map((c) => [c.id, c.code])).toEqual([[Number(accepted![1]), accepted![2]]]);
    expect(listCodings(p.db, { status: 'rejected' })).toEqual([]);
  });
});
