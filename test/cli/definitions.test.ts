import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFramework, parseFramework } from '../../src/core/coding/framework/index.js';
import { ingest } from '../../src/core/ingest/index.js';
import { Db } from '../../src/core/store/index.js';
import { litkit, litkitJson, tempDir } from '../helpers.js';

// A small project built through the library (sentences from test/data/definitions-gold.jsonl),
// then the command run as a user would: two spawns.
const FRAMEWORK = `id: mini
title: Race terms
version: 1
codes:
  - id: racism
    label: Structural and institutional racism
    definition: Policies, practices and norms of institutions that produce racial inequality.
  - id: bias
    label: Unconscious bias
`;

describe('litkit definitions --framework', () => {
  let dir: string;

  beforeAll(async () => {
    dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'glossary.txt'),
      'Glossary of racial equity terms\n\nStructural racism is the system in which public policies, institutional practices, cultural representations, and other norms work in various, often reinforcing ways, to perpetuate racial group inequity.\n\nInstitutional Racism as a construct was defined initially by political activists Stokely Carmichael and Charles Vernon Hamilton in 1967.',
    );
    fs.writeFileSync(path.join(dir, 'framework.yaml'), FRAMEWORK);
    const db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
    await ingest(db, [path.join(dir, 'glossary.txt')], { jobs: 0 });
    loadFramework(db, parseFramework(FRAMEWORK, 'framework.yaml'), FRAMEWORK);
    db.close();
  }, 30_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the working definition, the sources with citations and a line per term without a definition', async () => {
    // A terminal this wide cuts no cell, so each row reads whole on one line.
    const r = await litkit(['definitions', '--framework'], { cwd: dir, env: { COLUMNS: '250' } });
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.split('\n').map((l) => l.replace(/\s{2,}/g, ' | ').trim());
    expect(rows).toContainEqual(expect.stringMatching(/^structural racism \| working definition \(framework\) \| Policies, practices and norms of institutions/));
    expect(rows).toContainEqual(expect.stringMatching(/^structural racism \| Glossary of racial equity terms \(n\.d\.\), para\. 1 \| Structural racism is the system in which public policies.* \| is a$/));
    // Defined by no source: a mention of how it was first defined is not its definition.
    expect(rows).toContain('institutional racism | no definition found in the sources | none');
    expect(rows).toContain('unconscious bias | no definition found in the sources | none');
  });

  it('gives the comparison and the missing terms as JSON', async () => {
    const { code, data } = await litkitJson<{ framework: { id: string }; terms: { term: string; workingDefinition: string | null; sources: { citation: string }[] }[]; missing: string[] }>(
      ['definitions', '--framework', 'mini'],
      { cwd: dir },
    );
    expect(code).toBe(0);
    expect(data.framework.id).toBe('mini');
    expect(data.terms.find((t) => t.term === 'structural racism')!.sources.map((s) => s.citation)).toEqual(['Glossary of racial equity terms (n.d.), para. 1']);
    expect(data.missing).toEqual(['institutional racism', 'unconscious bias']);
  });
});
