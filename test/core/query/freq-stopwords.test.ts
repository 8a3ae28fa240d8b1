import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAttributes } from '../../../src/core/documents/attributes.js';
import { ingest } from '../../../src/core/ingest/index.js';
import { frequencies, languageCode, stopWords } from '../../../src/core/query/index.js';
import { Db } from '../../../src/core/store/index.js';
import { HAS_SHARED, SHARED, tempDir } from '../../helpers.js';

describe('stop words of each document\'s language (stopwords-iso)', () => {
  it('has lists for en, fr and es that drop function words and keep the content words of a review', () => {
    for (const w of ['not', 'will', 'two', 'the', 'figure', 'https']) expect(stopWords('en').has(w)).toBe(true);
    for (const w of ['men', 'women', 'work', 'research', 'information', 'rights', 'racism']) expect(stopWords('en').has(w)).toBe(false);
    for (const w of ['les', 'nous', 'cette']) expect(stopWords('fr').has(w)).toBe(true);
    expect(stopWords('fr').has('personnes')).toBe(false);
    for (const w of ['los', 'nosotros', 'donde']) expect(stopWords('es').has(w)).toBe(true);
    expect(languageCode('French')).toBe('fr');
    expect(languageCode('es-MX')).toBe('es');
    expect(languageCode('klingon')).toBeUndefined();
  });
});

// The data-standards terms of reference say "will" 12 times, "not" 5 and "two" once (grep -ow).
describe.skipIf(!HAS_SHARED)('freq on real documents', () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    dir = tempDir();
    db = Db.open(path.join(dir, 'p.sqlite'), { create: true });
    await ingest(db, [path.join(SHARED, 'seeds', 'terms-of-reference-data-standards-assessment.txt')], { jobs: 0 });
    await ingest(db, [path.join(SHARED, 'corpus', 'docx', 'documentProtection_forms_no_password.docx')], { jobs: 0 });
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const all = (options = {}) => frequencies(db, { limit: 100_000, ...options });
  const countOf = (terms: { term: string; count: number }[], w: string) => terms.find((t) => t.term === w)?.count;

  it('leaves out "not", "will" and "two" and keeps the subject words', () => {
    const r = all();
    for (const w of ['not', 'will', 'two', 'the']) expect(countOf(r.terms, w)).toBeUndefined();
    expect(countOf(r.terms, 'data')).toBeGreaterThan(10);
    expect(r.terms.slice(0, 5).map((t) => t.term)).toContain('data');
  });

  it('detects the Italian test form as Italian and the ToR as English', () => {
    expect(all().languages).toEqual({ en: 1, it: 1 });
  });

  it('counts stop words with keepStopwords', () => {
    const r = all({ keepStopwords: true });
    expect(countOf(r.terms, 'will')).toBe(12);
    expect(countOf(r.terms, 'two')).toBe(1);
  });

  it('follows a language attribute over detection', () => {
    const tor = db.sql.prepare("SELECT id FROM documents WHERE format = 'txt'").pluck().get() as number;
    setAttributes(db, [tor], { language: 'fr' });
    const r = all();
    expect(r.languages.fr).toBe(1);
    // "will" is no French stop word, so a document said to be French has it counted.
    expect(countOf(r.terms, 'will')).toBe(12);
    setAttributes(db, [tor], { language: 'en' });
    expect(countOf(all().terms, 'will')).toBeUndefined();
  });
});
