import { describe, expect, it } from 'vitest';
import { checkFramework, lintFramework } from '../../src/core/coding/framework/index.js';
import { unsafeRegex } from '../../src/core/coding/regex-safety.js';

const framework = (rules: string) => ['id: test', 'title: Test', 'version: 1', 'codes:', '  - id: race', '    label: Race', '    rules:', ...rules.split('\n').map((l) => `      ${l}`)].join('\n');

describe('regular expressions that could run for ever', () => {
  it.each(['(a+)+$', '(\\w*)*x', '(?:ab+)+', '(x|xy)*z', '((a|b)+c)*'])('refuses %s', (re) => {
    expect(unsafeRegex(re)).toBeDefined();
  });
  it.each(['\\bdisabilit(y|ies)\\b', '\\b(black|brown|white) (staff|women)\\b', '\\b(grade )?[PGD]-\\d\\b', '(ab)+c', '[a+]+', '\\(a+\\)+'])('accepts %s', (re) => {
    expect(unsafeRegex(re)).toBeUndefined();
  });
  it('keeps a framework with one from loading, at the rule\'s line', () => {
    const { framework: fw, problems } = checkFramework(framework("keywords: [race]\nregex: ['(a+)+$']"));
    expect(fw).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ line: 9, message: expect.stringMatching(/^regular expression could run for ever: nested quantifiers/) })]);
  });
});

describe('framework lint', () => {
  it('finds an exclusion that vetoes the code\'s own keyword, and not one that vetoes another word', () => {
    const { warnings } = lintFramework(framework('keywords: [race, racial]\nexclude: [racing, race]'));
    expect(warnings).toEqual([expect.objectContaining({ code: 'race', line: 9, message: 'exclusion "race" vetoes the code\'s own keyword "race" wherever it occurs' })]);
  });

  it('flags prefixes of one or two letters', () => {
    const { warnings } = lintFramework(framework('keywords: [ra*, rac*]'));
    expect(warnings.map((w) => w.message)).toEqual(['"ra*" is a prefix of 2 letter(s): it matches a large share of all words; write at least three letters']);
  });

  it('on a sample, counts where each rule fires with examples, and names rules too common to be evidence and missed words of the same stem', () => {
    const sample = ['Promotion to a higher grade.', 'We promote rights.', 'Promotions were few; promoting staff is rare.', 'Nothing here.'];
    const { warnings, sample: fired } = lintFramework(framework('keywords: [promotion]\nphrases: [staff]'), sample);
    const promotion = fired!.rules.find((r) => r.rule === 'keyword:promotion')!;
    expect(promotion).toMatchObject({ segments: 2, share: 0.5, examples: ['[Promotion] to a higher grade.', '[Promotions] were few; promoting staff is rare.'] });
    const messages = warnings.map((w) => w.message);
    expect(messages).toContain('keyword:promotion fires on 50% of the sample\'s segments: too common to be evidence');
    expect(messages.some((m) => m.startsWith('keyword "promotion" does not match') && m.includes('"promote"'))).toBe(false); // "promote" occurs once: below the floor of 2
    const { warnings: more } = lintFramework(framework('keywords: [promotion]'), [...sample, 'They promote and promote.']);
    expect(more.map((w) => w.message)).toContain('keyword "promotion" does not match "promote" (3) of the sample, which share its stem: add those that mean the code, or write a prefix');
  });

  it('says when none of a code\'s rules fires in the sample', () => {
    const { warnings } = lintFramework(framework('keywords: [ethnicity]'), ['A text about threads.']);
    expect(warnings.map((w) => w.message)).toEqual(["none of the code's 1 rules fires in the sample's 1 segments"]);
  });
});
