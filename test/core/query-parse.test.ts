import { describe, expect, it } from 'vitest';
import { parseQuery, QuerySyntaxError } from '../../src/core/query/parse.js';

describe('parseQuery', () => {
  it('gives NOT and NEAR precedence over AND, and AND over OR', () => {
    expect(parseQuery('a OR b AND NOT c NEAR/2 d')).toEqual({
      kind: 'or',
      pos: 0,
      items: [
        { kind: 'code', pattern: 'a', pos: 0 },
        {
          kind: 'and',
          pos: 5,
          items: [
            { kind: 'code', pattern: 'b', pos: 5 },
            { kind: 'not', pos: 11, item: { kind: 'near', within: 2, pos: 17, left: { kind: 'code', pattern: 'c', pos: 15 }, right: { kind: 'code', pattern: 'd', pos: 24 } } },
          ],
        },
      ],
    });
  });

  it('reads text:, coder:, speaker: and doc. comparisons with quoted values', () => {
    expect(parseQuery('text:"structural racism" AND coder:amina AND speaker:\'P 4\' AND doc.year >= 2018 AND doc.country in (Kenya, "Costa Rica")')).toMatchObject({
      kind: 'and',
      items: [
        { kind: 'text', value: 'structural racism', phrase: true },
        { kind: 'coder', name: 'amina' },
        { kind: 'speaker', name: 'P 4' },
        { kind: 'attr', key: 'year', op: '>=', values: ['2018'] },
        { kind: 'attr', key: 'country', op: 'in', values: ['Kenya', 'Costa Rica'] },
      ],
    });
  });

  it.each([
    ['race AND (doc.type = policy', 27, 'expected ")"'],
    ['race AND', 8, 'expected a code, text:, doc., coder:, speaker:, NOT or "("'],
    ['race OR OR gender', 8, 'expected a code'],
    ['doc.year 2018', 9, 'expected =, !=, <, <=, >, >= or in after the attribute'],
    ['text:"unclosed', 5, "expected a closing \""],
    ['race gender', 5, 'expected AND, OR, NEAR/n, PRECEDES, FOLLOWS, ENCLOSES, INSIDE, OVERLAPS or the end of the query'],
  ])('explains %j with a caret at column %i', (expression, position, message) => {
    let error: unknown;
    try {
      parseQuery(expression);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(QuerySyntaxError);
    const e = error as QuerySyntaxError;
    expect(e.position).toBe(position);
    expect(e.message).toContain(message);
    expect(e.line().split('\n')).toEqual([expect.stringContaining('(E_QUERY_SYNTAX)'), `  ${expression}`, `  ${' '.repeat(position)}^`]);
  });
});
