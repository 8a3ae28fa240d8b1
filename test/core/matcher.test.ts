import { describe, expect, it } from 'vitest';
import { checkFramework } from '../../src/core/coding/framework/parse.js';
import type { Code } from '../../src/core/coding/framework/schema.js';
import { Matcher } from '../../src/core/coding/matcher.js';

function code(id: string, rules: Partial<Code['rules']>): Code {
  return {
    id, parentId: null, label: id, definition: null, colour: null, was: [], position: 0,
    rules: { keywords: [], phrases: [], regex: [], proximity: [], exclude: [], ...rules },
  };
}
const codesOf = (m: Matcher, text: string) => [...m.match(text).keys()].sort();

describe('Matcher', () => {
  it('matches keywords on stems: recruit finds recruiting and recruitment', () => {
    const m = new Matcher([code('recruitment', { keywords: ['recruit'] })]);
    expect(m.match('Recruiting staff.').get('recruitment')![0]).toMatchObject({ rule: 'keyword:recruit', text: 'Recruiting' });
    expect(codesOf(m, 'The recruitment policy')).toEqual(['recruitment']);
    expect(codesOf(m, 'Recreation and recreational rooms.')).toEqual([]);
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
