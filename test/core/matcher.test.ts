import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFramework } from '../../src/core/coding/framework/parse.js';
import type { Code } from '../../src/core/coding/framework/schema.js';
import { Matcher } from '../../src/core/coding/matcher.js';
import { ROOT } from '../helpers.js';

function code(id: string, rules: Partial<Code['rules']>): Code {
  return {
    id, parentId: null, label: id, definition: null, colour: null, was: [], position: 0,
    rules: { keywords: [], phrases: [], regex: [], proximity: [], exclude: [], ...rules },
  };
}
const codesOf = (m: Matcher, text: string) => [...m.match(text).keys()].sort();

describe('Matcher', () => {
  it('matches a keyword with its own inflections, not every word that shares its stem', () => {
    const m = new Matcher([code('recruitment', { keywords: ['recruit'] }), code('promotion', { keywords: ['promotion'] }), code('prefix', { keywords: ['promot*'] })]);
    expect(m.match('Recruiting staff.').get('recruitment')![0]).toMatchObject({ rule: 'keyword:recruit', text: 'Recruiting' });
    expect(codesOf(m, 'They recruited two officers.')).toEqual(['recruitment']);
    // "recruitment" is another word (Porter gives it the stem of recruit): a keyword of its own.
    expect(codesOf(m, 'The recruitment policy')).toEqual([]);
    expect(codesOf(m, 'Recreation and recreational rooms.')).toEqual([]);
    expect(codesOf(m, 'Two promotions were announced.')).toEqual(['prefix', 'promotion']);
    expect(codesOf(m, "We promote migrants' rights, promoting humane migration.")).toEqual(['prefix']);
  });

  it('matches keywords whose stem rewrites their letters (pay -> paid, y -> i)', () => {
    const m = new Matcher([code('pay', { keywords: ['pay'] }), code('say', { keywords: ['say'] }), code('study', { keywords: ['study'] })]);
    expect(codesOf(m, 'Staff were paid less; it pays to ask.')).toEqual(['pay']);
    expect(codesOf(m, 'She said so.')).toEqual(['say']);
    expect(codesOf(m, 'Two studies, one studied closely.')).toEqual(['study']);
  });

  it('vetoes only the excluded surface words: "racing" does not stop the bare word "race"', () => {
    const m = new Matcher([code('race', { keywords: ['race'], exclude: ['racing', 'arms race'] })]);
    expect(codesOf(m, 'Discrimination on grounds of race.')).toEqual(['race']);
    expect(codesOf(m, 'Both threads are racing; an arms race.')).toEqual([]);
    expect(codesOf(m, 'The arms race, and race as a social construct.')).toEqual(['race']);
  });

  it('counts each span once per code, however many of its keywords match it', () => {
    const m = new Matcher([code('nationality', { keywords: ['migrant', 'migrants'], phrases: ['migrants'] })]);
    const hits = m.match('Migrants and migrants again.').get('nationality')!;
    expect(hits.map((h) => h.text)).toEqual(['Migrants', 'migrants']);
  });

  it('codes a sense only with its context in the same sentence, and never with a forbidden word', () => {
    const sense = { name: 'career', keywords: ['promotion', 'promote'], phrases: [], regex: [], with: ['staff', 'grade*'], also: [], without: ['sales'], scope: 'sentence' as const };
    const m = new Matcher([code('promotion', { senses: [sense] })]);
    const hit = m.match('Promotion to a higher grade took years.').get('promotion')![0]!;
    expect(hit).toMatchObject({ rule: 'keyword:promotion@career', text: 'Promotion', context: 'grade' });
    expect(codesOf(m, 'We promote the rights of migrants. Staff agreed.')).toEqual([]);
    expect(codesOf(m, 'Staff in sales promotion.')).toEqual([]);
    expect(codesOf(m, 'Staff asked how to promote colleagues fairly.')).toEqual(['promotion']);
    const both = new Matcher([code('lead', { senses: [{ ...sense, keywords: ['leaders'], with: ['pledged'], also: ['parity'], without: [] }] })]);
    expect(codesOf(both, 'Leaders pledged to reach gender parity.')).toEqual(['lead']);
    expect(codesOf(both, 'Leaders pledged to cut costs.')).toEqual([]);
  });

  it('matches phrases case-insensitively across line breaks and hyphens, but not across sentence ends', () => {
    const m = new Matcher([code('structural', { phrases: ['structural racism'] }), code('passed', { phrases: ['passed over'] })]);
    expect(codesOf(m, 'STRUCTURAL\nRacism is')).toEqual(['structural']);
    expect(codesOf(m, 'structural-racism')).toEqual(['structural']);
    expect(codesOf(m, 'the test passed. Over time')).toEqual([]);
  });

  it('matches regular expressions and proximity within N words', () => {
    const m = new Matcher([
      code('grade', { regex: ['\\b[PGD]-\\d\\b'] }),
      code('near', { proximity: [{ near: ['performance', ['appraisal', 'rating*']], within: 3 }] }),
    ]);
    expect(m.match('at grade P-3 for years').get('grade')![0]!.text).toBe('P-3');
    expect(codesOf(m, 'performance in the ratings exercise')).toEqual(['near']);
    expect(codesOf(m, 'performance is measured in many different ways by the rating')).toEqual([]);
  });

  it('lets exclusions veto the matches inside them and keeps the others', () => {
    const m = new Matcher([
      code('race', { keywords: ['race', 'racial'], exclude: ['race condition', 'arms race', 'rat race'] }),
      code('age', { keywords: ['age'], exclude: ['page', 'usage'] }),
      code('disability', { keywords: ['disabled'], exclude: ['disabled the setting', { regex: 'disabled in the system' }] }),
    ]);
    expect(codesOf(m, 'A race condition in the scheduler; an arms race; the rat race.')).toEqual([]);
    expect(codesOf(m, 'race conditions abound')).toEqual([]);
    expect(codesOf(m, 'A race condition, and racial discrimination.')).toEqual(['race']);
    expect(codesOf(m, 'See the page on usage.')).toEqual([]);
    expect(codesOf(m, 'Staff of any age.')).toEqual(['age']);
    expect(codesOf(m, 'The admin disabled the setting. It was disabled in the system.')).toEqual([]);
    expect(codesOf(m, 'Disabled staff were consulted.')).toEqual(['disability']);
  });
});

describe('framework files', () => {
  it('reports problems with their line and column', () => {
    const yaml = ['id: test', 'title: Test', 'version: 1', 'codes:', '  - id: parent', '    label: Parent', '    children:', '      - id: other.child', '        label: Child', '        rules:', "          regex: ['(unclosed']"].join('\n');
    const { framework, problems } = checkFramework(yaml);
    expect(framework).toBeUndefined();
    expect(problems).toEqual([
      { line: 8, column: 13, message: 'code "other.child" is under "parent", so its id must start with "parent."' },
      expect.objectContaining({ line: 11, column: 19, message: expect.stringMatching(/^invalid regular expression/) }),
    ]);
  });

  it('reports a schema problem at the offending key, and YAML syntax errors at their place', () => {
    const bad = checkFramework('id: test\ntitle: Test\nversion: 1\ncodes:\n  - id: a\n    label: A\n    colour: red\n');
    expect(bad.problems).toEqual([{ line: 7, column: 13, message: 'codes.0.colour: must be a colour like "#1f77b4"' }]);
    const syntax = checkFramework('id: test\ntitle: [unclosed\n');
    expect(syntax.problems[0]!.line).toBeGreaterThanOrEqual(2);
  });
});

describe('the bundled race-equality framework', () => {
  const { framework } = checkFramework(fs.readFileSync(path.join(ROOT, 'templates', 'frameworks', 'race-equality.yaml'), 'utf8'));
  const m = new Matcher(framework!.codes);

  it.each([
    ['A race condition between two threads corrupts the log.', 'race'],
    ['The data races were found by the checker.', 'race'],
    ['It started an arms race between vendors.', 'race'],
    ['Leaving the rat race behind.', 'race'],
    ['See the next page for usage notes.', 'intersectionality.age'],
    ['The administrator disabled the setting on the server.', 'intersectionality.disability'],
    ['Interrupts are disabled in the system during the update.', 'intersectionality.disability'],
    ['We use machine learning and training data to tune the model.', 'employment.learning'],
    ['Separation logic proves the heap is safe.', 'employment.separation'],
    ['Type promotion widens the integer.', 'employment.promotion'],
    // Words with a sense outside the workforce (issue 11): each needs its workforce context.
    ['The programme helps to promote the rights of migrants and refugees.', 'employment.promotion'],
    ['The programme helps to promote the rights of migrants and refugees.', 'intersectionality.nationality'],
    ['Sales promotion boosted revenue.', 'employment.promotion'],
    ['Duty Station: Home based', 'employment.mobility'],
    ['Urban mobility plans favour cycling in cities.', 'employment.mobility'],
    ['Accountability to affected populations remains weak in the response.', 'culture.leadership'],
    ['Proof by induction on the length of the list.', 'employment.onboarding'],
    ['The function should return an error when the file is missing.', 'recommendation'],
    ['The report should include a mapping of existing tools used by staff.', 'recommendation'],
    ['Cognitive appraisal of the stimulus shapes the emotion.', 'employment.performance'],
  ])('does not code "%s" as %s', (text, code) => {
    expect(m.match(text).has(code)).toBe(false);
  });

  it.each([
    ['Racial discrimination in recruitment was reported by staff of African descent.', ['race', 'employment.recruitment']],
    ['Staff with disabilities asked for reasonable accommodation.', ['intersectionality.disability']],
    ['Older staff reported age discrimination in assignments.', ['intersectionality.age']],
    ['LGBTIQ+ colleagues face barriers to postings.', ['intersectionality.sogiesc', 'employment.mobility']],
    ['Fear of retaliation stops people from filing a complaint.', ['employment.grievance']],
    ['Discrimination on the basis of race is prohibited.', ['race']],
    ['Women staff were promoted more slowly than men at the same grade.', ['employment.promotion', 'intersectionality.gender']],
    ['National staff are paid far less than international staff.', ['employment.compensation', 'intersectionality.nationality']],
    ['Heads of department pledged to reach gender parity in their teams.', ['culture.leadership']],
    ['The organisation should collect data on the ethnicity of its staff.', ['recommendation', 'data.diversity', 'race']],
    ['New staff attend an induction programme in their first month.', ['employment.onboarding']],
  ])('codes "%s" as %s', (text, codes) => {
    expect([...m.match(text).keys()]).toEqual(expect.arrayContaining(codes));
  });
});
