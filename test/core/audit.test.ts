import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditArgs, auditCounts } from '../../src/cli/audited.js';
import { addMemo } from '../../src/core/coding/index.js';
import { Db, initProject, readAuditLog, recordCommand } from '../../src/core/store/index.js';
import { litkit, litkitJson, tempDir } from '../helpers.js';

describe('the audit log', () => {
  let dir: string | undefined;
  // Not every test makes a folder: a test that runs first without one must not fail here.
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('is append-only: SQLite refuses to change or delete a row, even through the library\'s connection', () => {
    dir = tempDir();
    const db = Db.open(initProject(dir).file);
    recordCommand(db, { actor: 'amina', command: 'docs rm', args: { ids: 3 }, counts: { removed: 1 } });
    addMemo(db, { kind: 'project' }, 'amina', 'Private thoughts on the Lopez interview');
    expect(() => db.sql.prepare("UPDATE audit_log SET actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => db.sql.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    const rows = readAuditLog(db);
    expect(rows.map((r) => `${r.actor} ${r.action}`)).toEqual(['amina memo.add', 'amina cli:docs rm']);
    expect(readAuditLog(db, { command: 'docs rm' }).map((r) => r.detail)).toEqual([{ args: { ids: 3 }, counts: { removed: 1 } }]);
    expect(JSON.stringify(rows)).not.toContain('Lopez');
    db.close();
  });

  it('withholds free text and attribute values from arguments, and keeps numbers and list sizes as counts', () => {
    expect(auditArgs({ flags: { quote: 'Maria said so', doc: 4, attr: ['interviewee=Maria Lopez'], json: true }, args: { text: 'memo body' }, argv: ['memo body'] })).toEqual({
      '--quote': '[withheld]',
      '--doc': 4,
      '--attr': ['interviewee=[withheld]'],
      text: '[withheld]',
    });
    expect(auditCounts({ stored: 3, failures: [{}, {}], title: 'secret', masked: { NAME: 2 } })).toEqual({ stored: 3, failures: 2, 'masked.NAME': 2 });
  });

  it('gets one row per writing command run from the command line, with counts and no document text', async () => {
    dir = tempDir();
    initProject(dir);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'Interview notes\n\nMaria Lopez: the uniquewordzzq office closed.\n\nInterviewer: when?\n\nMaria Lopez: in May.\n');
    expect((await litkit(['ingest', 'notes.txt', '--redact', '-j', '0'], { cwd: dir })).code).toBe(0);
    expect((await litkit(['memo', 'add', '--doc', '1', 'Call Maria back about uniquewordzzq'], { cwd: dir, env: { LITKIT_CODER: 'ben' } })).code).toBe(0);
    const rm = await litkit(['docs', 'rm', '1', '99999'], { cwd: dir });
    expect(rm.stdout).toContain('Removed document 1');
    expect(rm.stderr).toContain('no document with id 99999');
    const { data } = await litkitJson<{ actor: string; action: string; detail: { args: Record<string, unknown>; counts: Record<string, number> } }[]>(['log', '--limit', '10'], { cwd: dir });
    const commands = data.filter((r) => r.action.startsWith('cli:'));
    expect(commands.map((r) => r.action)).toEqual(['cli:docs rm', 'cli:memo add', 'cli:ingest']);
    expect(commands[0]!.detail.counts).toMatchObject({ removed: 1, missing: 1 });
    expect(commands[1]!.actor).toBe('ben');
    expect(commands[2]!.detail.counts).toMatchObject({ stored: 1, redactions: 1 });
    expect(JSON.stringify(data)).not.toMatch(/uniquewordzzq|Maria|Lopez/);
  });
});
