import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCoding, listCodings, NearDuplicates, nextForReview, suggest } from '../../src/core/coding/index.js';
import { CORPUS, HAS_SHARED, SHARED, tempDir } from '../helpers.js';
import { codedProject, type CodedProject } from './coding-fixture.js';

interface Passage {
  id: string;
  text: string;
  codes: string[];
}

describe('near-duplicate segments', () => {
  const paragraphs = fs.readFileSync(path.join(CORPUS, 'reports', 'workforce-data-note.txt'), 'utf8').split(/\n\s*\n/).filter((p) => p.length > 300);

  it('are the same words whatever their case, spacing and punctuation, or word 3-grams at least 0.9 alike', () => {
    const seen = new NearDuplicates<number>();
    seen.add(1, paragraphs[0]!);
    seen.add(2, paragraphs[1]!);
    expect(seen.find(paragraphs[0]!.toUpperCase().replace(/\s+/g, '\n').replace(/[.,]/g, ' '))).toBe(1);
    expect(seen.find(`${paragraphs[1]!} again`)).toBe(2); // one more word: a few 3-grams of many differ
    expect(seen.find(paragraphs[2]!)).toBeUndefined();
    expect(seen.find(paragraphs[0]!.slice(0, paragraphs[0]!.length / 2))).toBeUndefined(); // half of it is not a near-duplicate
  });
});

// Real passages of the gold set, several to a document, so that the rest of a document a person
// coded teaches what the code is not. Gender is learnable from eleven examples; grievance,
// whose passages range from ombudsman offices to whistle-blowing, is not from eight.
describe.skipIf(!HAS_SHARED)('suggestions learned from codings', () => {
  const gold = HAS_SHARED
    ? (fs.readFileSync(path.join(SHARED, 'coding-gold', 'dev.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) as Passage[])
    : [];
  const GENDER = 'intersectionality.gender';
  const GRIEVANCE = 'employment.grievance';
  const gender = gold.filter((p) => p.codes.includes(GENDER));
  const grievance = gold.filter((p) => p.codes.includes(GRIEVANCE));
  const neither = gold.filter((p) => !p.codes.includes(GENDER) && !p.codes.includes(GRIEVANCE));
  const held = gender.slice(-4);
  const near = `${held[0]!.text} Indeed.`;
  let files: string;
  let p: CodedProject;
  const segmentWith = (text: string, documentTitle: string) =>
    p.db.sql.prepare('SELECT s.id FROM segments s JOIN documents d ON d.id = s.document_id WHERE d.title = ? AND s.text = ?').pluck().get(documentTitle, text.trim()) as number;

  beforeAll(async () => {
    files = tempDir();
    // Interleaved, as topics come and go in a report; the title line keeps the first passage from being read as a title block.
    const write = (name: string, title: string, texts: string[]) => fs.writeFileSync(path.join(files, name), `${title}\n\n${texts.join('\n\n')}\n`);
    const mix = (a: Passage[], b: Passage[]) => b.flatMap((x, i) => (a[i] ? [x.text, a[i]!.text] : [x.text]));
    const train = gender.slice(0, -4);
    write('coded-1.txt', 'Coded one', mix([...train.slice(0, 6), ...grievance.slice(0, 4)], neither.slice(0, 30)));
    write('coded-2.txt', 'Coded two', mix([...train.slice(6), ...grievance.slice(4, 8)], neither.slice(30, 60)));
    write('new.txt', 'New', [...mix(held, neither.slice(60, 90)), held[0]!.text, near]);
    p = await codedProject([files], { auto: false });
    for (const [i, x] of train.entries()) addCoding(p.db, GENDER, { segmentId: segmentWith(x.text, i < 6 ? 'Coded one' : 'Coded two') }, 'amina');
    for (const [i, x] of grievance.slice(0, 8).entries()) addCoding(p.db, GRIEVANCE, { segmentId: segmentWith(x.text, i < 4 ? 'Coded one' : 'Coded two') }, 'amina');
  });
  afterAll(() => {
    p.close();
    fs.rmSync(files, { recursive: true, force: true });
  });

  it('proposes a learnable code for the passages that have it, ranked, and flags repeats instead of proposing them', () => {
    const [r] = suggest(p.db, { code: GENDER });
    expect(r!.positives).toBe(gender.length - 4);
    expect(r!.validation).toMatchObject({ folds: 5 });
    expect(r!.validation!.precisionLow).toBeGreaterThanOrEqual(0.6);
    expect(r!.withheld).toBe(false);
    // Four gender passages are held out in the new document; the first also comes twice more, once word for word, once with a word added.
    const heldIds = held.map((x) => segmentWith(x.text, 'New'));
    const copies = [heldIds[0]!, ...(p.db.sql.prepare("SELECT s.id FROM segments s JOIN documents d ON d.id = s.document_id WHERE d.title = 'New' AND s.text = ? AND s.id <> ?").pluck().all(held[0]!.text.trim(), heldIds[0]) as number[]), segmentWith(near, 'New')];
    expect(copies).toHaveLength(3);
    const proposed = r!.suggestions.map((s) => s.segmentId);
    const right = proposed.filter((id) => heldIds.includes(id) || copies.includes(id));
    expect(right.length).toBeGreaterThanOrEqual(2);
    expect(right.length / proposed.length).toBeGreaterThanOrEqual(0.6); // what --min-precision promises
    expect(copies.filter((id) => proposed.includes(id))).toHaveLength(1); // one of the three copies is proposed ...
    const kept = copies.find((id) => proposed.includes(id))!;
    expect(r!.duplicates.map((d) => [d.segmentId, d.duplicateOf]).sort()).toEqual(copies.filter((id) => id !== kept).map((id) => [id, kept]).sort()); // ... the others point to it
    const probabilities = r!.suggestions.map((s) => s.probability);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
    expect(Math.min(...probabilities)).toBeGreaterThanOrEqual(0.5);
    const coded = new Set(listCodings(p.db, { code: GENDER }).map((c) => c.excerpt.trim()));
    expect(r!.suggestions.filter((s) => coded.has(s.excerpt.trim()))).toEqual([]); // never a segment that has the code
    expect(suggest(p.db, { code: GENDER, limit: 1 })[0]!.suggestions).toHaveLength(1);
  });

  it('stores accepted proposals unreviewed, for `code review`, replacing earlier unreviewed ones', () => {
    const [r] = suggest(p.db, { code: GENDER, accept: true });
    expect(r!.accepted).toBe(r!.suggestions.length);
    const stored = () => listCodings(p.db, { coder: 'suggest', code: GENDER });
    const byExcerpt = (xs: { excerpt: string }[]) => [...xs].sort((a, b) => a.excerpt.localeCompare(b.excerpt));
    expect(byExcerpt(stored()).map((c) => [c.excerpt, c.status, c.score])).toEqual(byExcerpt(r!.suggestions).map((s) => [s.excerpt, null, s.probability]));
    expect(nextForReview(p.db, { code: GENDER }).remaining).toBe(r!.suggestions.length);
    suggest(p.db, { code: GENDER, accept: true });
    expect(stored()).toHaveLength(r!.suggestions.length);
    // Back to the project the other tests start from (no suggestions stored), whatever their order.
    p.db.sql.prepare("DELETE FROM codings WHERE coder = 'suggest'").run();
  });

  it('withholds a code its cross-validated precision cannot vouch for, in one line, and stores nothing', () => {
    const [r] = suggest(p.db, { code: GRIEVANCE, accept: true });
    expect(r!.positives).toBe(8);
    expect(r!.withheld).toBe(true);
    expect(r!.validation!.precisionLow).toBeLessThan(0.6);
    expect(r!.note).toMatch(/^proposals withheld: cross-validated precision \d\.\d\d .* is not surely at least 0\.60$/);
    expect(r!.note).not.toContain('\n');
    expect(r!.suggestions).toEqual([]);
    expect(listCodings(p.db, { coder: 'suggest', code: GRIEVANCE })).toEqual([]);
  });
});
