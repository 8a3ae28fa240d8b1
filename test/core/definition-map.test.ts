import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFramework, parseFramework } from '../../src/core/coding/framework/index.js';
import { ingest } from '../../src/core/ingest/index.js';
import { compareDefinitions, findDefinitions, labelTerms } from '../../src/core/query/index.js';
import { Db } from '../../src/core/store/index.js';
import { tempDir } from '../helpers.js';

// Three small sources written from sentences of test/data/definitions-gold.jsonl (fiveable,
// reospartners, esglexicon, emm.iom.int and the Kendi quotation), ingested for real.
const SOURCES: Record<string, string> = {
  'racism-glossary.txt': [
    'Racism glossary',
    'Institutional racism\n\nInstitutional practices and policies that create different outcomes for different racial groups.',
    'Structural racism refers to the systemic ways in which racial discrimination is embedded in social, political, and economic systems, leading to disparities and inequalities among racial groups.',
  ].join('\n\n'),
  'organisations.txt': [
    'Structural racism in organisations',
    'We refer to structural racism as ways of thinking, feeling, being, and doing that are ingrained in an organisation and that advantage white people and disadvantage Black and Indigenous Peoples and people of colour.',
    'Institutional racism refers to the policies, practices, and structures within organizations and institutions that result in the unequal treatment of individuals based on their race or ethnicity.',
  ].join('\n\n'),
  'migrants.txt': [
    'Migrants in vulnerable situations',
    'Glossary',
    'Vulnerable migrants',
    'persons who are unable effectively to enjoy their human rights, are at increased risk of violations and abuse and who, accordingly, are entitled to call on a duty bearer’s heightened duty of care.',
    'This is a broad definition of vulnerable migrants.',
  ].join('\n\n'),
};

const FRAMEWORK = `id: mini
title: Race and migration terms
version: 1
codes:
  - id: racism
    label: Racism
    definition: Racism is the belief that some racial groups are superior to others, and the practices that follow from it.
    children:
      - id: racism.structural
        label: Structural and institutional racism
        definition: Policies, practices and norms of institutions that produce racial inequality.
  - id: migration
    label: Vulnerable migrants
    definition: Migrants at heightened risk of harm, for the review's purposes.
  - id: data
    label: Data standards and interoperability
`;

describe('definitions across sources, and the framework terms no source defines', () => {
  let dir: string;
  let db: Db;

  beforeAll(async () => {
    dir = tempDir();
    for (const [name, text] of Object.entries(SOURCES)) fs.writeFileSync(path.join(dir, name), text);
    db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
    const summary = await ingest(db, Object.keys(SOURCES).map((n) => path.join(dir, n)), { jobs: 0 });
    expect(summary.stored).toBe(3);
    loadFramework(db, parseFramework(FRAMEWORK, 'mini.yaml'), FRAMEWORK);
  }, 30_000);
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('splits code labels into the terms they name', () => {
    expect(labelTerms('Structural and institutional racism')).toEqual(['structural racism', 'institutional racism']);
    expect(labelTerms('Race and ethnicity')).toEqual(['race', 'ethnicity']);
    expect(labelTerms('Definitions of vulnerability')).toEqual(['vulnerability']);
    expect(labelTerms('Sexual orientation, gender identity and expression, sex characteristics (LGBTIQ+)')).toEqual(['sexual orientation', 'gender identity', 'expression', 'sex characteristics', 'LGBTIQ+']);
  });

  it('files "Institutional racism refers to …" under institutional racism and never under racism', () => {
    const defs = findDefinitions(db, ['racism', 'institutional racism']);
    expect(defs.filter((d) => d.term === 'racism')).toEqual([]);
    expect(defs.filter((d) => d.term === 'institutional racism').map((d) => d.citation).sort()).toEqual([
      'Racism glossary (n.d.), para. 1', // the paragraph under the heading (titles and headings are not counted)
      'Structural racism in organisations (n.d.), para. 2',
    ]);
  });

  it('reads a glossary heading with the paragraph after it, citing the definition', () => {
    const [def] = findDefinitions(db, ['vulnerable migrants']);
    expect(def).toMatchObject({ pattern: 'glossary entry', citation: 'Migrants in vulnerable situations (n.d.), para. 1' });
    expect(def!.definition).toMatch(/^Vulnerable migrants: persons who are unable effectively to enjoy their human rights/);
  });

  it('compares each framework term with the sources and lists the terms no source defines', () => {
    const c = compareDefinitions(db, { framework: 'mini', terms: ['people of colour'] });
    expect(c.framework).toMatchObject({ id: 'mini', version: '1' });
    expect(c.terms.map((t) => t.term)).toEqual(['racism', 'structural racism', 'institutional racism', 'vulnerable migrants', 'data standards', 'interoperability', 'people of colour']);

    const structural = c.terms.find((t) => t.term === 'structural racism')!;
    expect(structural.codes).toEqual([{ id: 'racism.structural', label: 'Structural and institutional racism' }]);
    expect(structural.workingDefinition).toBe('Policies, practices and norms of institutions that produce racial inequality.');
    expect(structural.sources.map((s) => [s.citation, s.pattern])).toEqual([
      ['Racism glossary (n.d.), para. 2', 'refers to'],
      ['Structural racism in organisations (n.d.), para. 1', 'we mean'],
    ]);

    const migrants = c.terms.find((t) => t.term === 'vulnerable migrants')!;
    expect(migrants.workingDefinition).toBe("Migrants at heightened risk of harm, for the review's purposes.");
    expect(migrants.sources).toHaveLength(1);

    // "Racism" appears only inside longer terms, "people of colour" only in passing.
    expect(c.missing).toEqual(['racism', 'data standards', 'interoperability', 'people of colour']);
    expect(c.terms.find((t) => t.term === 'people of colour')!.workingDefinition).toBeNull();
  });

  it('maps only the named terms when labels are left out, with the working definition of the code they match', () => {
    const c = compareDefinitions(db, { framework: 'mini', terms: ['Institutional Racism'], labels: false });
    expect(c.terms).toHaveLength(1);
    expect(c.terms[0]!.codes.map((x) => x.id)).toEqual(['racism.structural']);
    expect(c.terms[0]!.sources).toHaveLength(2);
    expect(c.missing).toEqual([]);
  });
});
