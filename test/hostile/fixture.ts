import fs from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import path from 'node:path';
import { autocode } from '../../src/core/coding/index.js';
import { loadFramework, parseFramework } from '../../src/core/coding/framework/index.js';
import { ingest } from '../../src/core/ingest/index.js';
import { Db, initProject } from '../../src/core/store/index.js';
import { LitkitError } from '../../src/errors.js';
import { tempDir } from '../helpers.js';

/** What an attacker puts in a document: markup, script URLs, a formula and terminal escapes. */
export const ATTACK = {
  img: '<img src=x onerror=alert(1)>',
  link: '[click me](javascript:alert(2))',
  anchor: '<a href="javascript:alert(3)">link</a>',
  formula: '=HYPERLINK("http://evil.example","retaliation cell")',
  escape: '\u001b]0;pwned\u0007',
};

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A web page whose title and text carry every attack, as a real HTML file. */
export function hostilePage(): string {
  return `<!DOCTYPE html><html><head><title>Evil ${ATTACK.escape}<script>alert(1)</script> review 2021</title>
<meta name="citation_author" content="${html(ATTACK.formula)}"></head><body><main>
<p>Staff reported retaliation after complaints: ${html(ATTACK.img)} and ${html(ATTACK.link)} and ${html(ATTACK.anchor)}, said the survey of staff.</p>
<p>${html(ATTACK.formula)} is what the spreadsheet cell says about retaliation and the fear of it.</p>
</main></body></html>`;
}

const FRAMEWORK = `id: hostile
title: Hostile inputs
version: 1
codes:
  - id: retaliation
    label: Retaliation
    definition: Reprisals against people who report.
    rules:
      keywords: [retaliation]
`;

/**
 * A project in a temporary folder with the hostile page ingested (through the real pipeline),
 * a framework loaded and the page auto-coded, so reports and tables quote the attacks.
 */
export async function hostileProject(): Promise<{ dir: string; db: Db }> {
  const dir = tempDir('litkit-hostile-');
  const { file } = initProject(dir);
  const db = Db.open(file);
  const page = path.join(dir, 'evil.html');
  fs.writeFileSync(page, hostilePage());
  const summary = await ingest(db, [page], { jobs: 0, attributes: { type: ATTACK.formula } });
  if (summary.stored !== 1) throw new Error(`the hostile page was not stored: ${JSON.stringify(summary.failures)}`);
  fs.rmSync(page);
  loadFramework(db, parseFramework(FRAMEWORK, 'hostile.yaml'), FRAMEWORK);
  autocode(db);
  return { dir, db };
}

/** The hostile project for a test file: built before its tests, removed after; read `.db` and `.dir` in tests. */
export function useHostileProject(): { dir: string; db: Db } {
  const project = {} as { dir: string; db: Db };
  beforeAll(async () => {
    Object.assign(project, await hostileProject());
  });
  afterAll(() => {
    project.db.close();
    fs.rmSync(project.dir, { recursive: true, force: true });
  });
  return project;
}

/** The LitkitError a call throws, for asserting its code, exit code and one-line message. */
export function thrown(fn: () => unknown): LitkitError {
  try {
    fn();
  } catch (err) {
    if (err instanceof LitkitError) return err;
    throw err;
  }
  throw new Error('expected an error');
}
