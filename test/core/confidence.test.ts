import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { confidence, type CodeRecord } from '../../src/core/coding/index.js';
import { CORPUS } from '../helpers.js';

// Real paragraphs of the demo corpus: a long one that mentions promotion once among other
// things, and a short one about nothing but data protection.
const note = fs.readFileSync(path.join(CORPUS, 'reports', 'workforce-data-note.txt'), 'utf8').split(/\n\s*\n/);
const long = note.filter((p) => p.includes('promotion')).join(' ') + ' ' + note.filter((p) => p.length > 300).join(' ');
const short = note.find((p) => p.startsWith('The data are personal data'))!;

describe('the confidence of an auto coding', () => {
  it('puts one keyword in a long paragraph below several rules matching several words', () => {
    const passing = confidence({ hits: [{ rule: 'keyword:promot', text: 'promotion' }], segmentText: long });
    const strong = confidence({
      hits: [
        { rule: 'phrase:"data protection"', text: 'data protection' },
        { rule: 'phrase:"personal data"', text: 'personal data' },
        { rule: 'keyword:confidential', text: 'confidentiality' },
      ],
      segmentText: short,
    });
    expect(passing.score).toBeGreaterThan(0);
    expect(strong.score).toBeLessThan(1);
    expect(passing.score).toBeLessThan(strong.score - 0.2);
    expect(passing.words).toBe(1);
    expect(strong.words).toBe(4); // data, protection, personal, confidentiality
    expect(strong.independent).toBe(3);
  });

  it('counts rules that fire on the same words once', () => {
    const hits = [
      { rule: 'keyword:ethnic', text: 'ethnicity' },
      { rule: 'keyword:ethnicity', text: 'ethnicity' },
    ];
    const one = confidence({ hits: hits.slice(0, 1), segmentText: short });
    const both = confidence({ hits, segmentText: short });
    expect(both.independent).toBe(1);
    expect(both.score).toBeCloseTo(one.score, 10);
  });

  it('lowers a rule that reviewers mostly rejected (precision 0.2 over 5 decisions) and raises one they accepted', () => {
    const hits = [{ rule: 'keyword:promot', text: 'promotion' }];
    const record = (accepted: number): CodeRecord => ({ decisions: 5, accepted, rules: new Map([['keyword:promot', { decisions: 5, accepted }]]) });
    const before = confidence({ hits, segmentText: short }).score;
    const rejected = confidence({ hits, segmentText: short, learned: record(1) });
    const accepted = confidence({ hits, segmentText: short, learned: record(5) });
    expect(rejected.score).toBeLessThan(before - 0.1);
    expect(accepted.score).toBeGreaterThan(before + 0.05);
    expect(rejected.reliability[0]).toMatchObject({ rule: 'keyword:promot', prior: 0.6, decisions: 5 });
  });

  it('trusts a reference list or heading less than body text, and reads unknown kinds and rule kinds as ordinary', () => {
    const hits = [{ rule: 'phrase:"personal data"', text: 'personal data' }];
    const body = confidence({ hits, segmentText: short }).score;
    expect(confidence({ hits, segmentText: short, kind: 'reference' }).score).toBeLessThan(body - 0.3);
    expect(confidence({ hits, segmentText: short, kind: 'heading' }).score).toBeLessThan(body);
    expect(confidence({ hits, segmentText: short, kind: 'a-kind-from-the-future' }).score).toBe(body);
    const unknown = confidence({ hits: [{ rule: 'embedding:0.83', text: 'personal data' }], segmentText: short });
    expect(unknown.score).toBeGreaterThan(0);
    expect(unknown.score).toBeLessThan(1);
  });
});
