import type { Node } from '../query/ast.js';
import { isNumeric } from './values.js';

/**
 * case.KEY / speaker.KEY compared with a value, as SQL over segment `seg`: the attribute of the
 * segment's case (any case for case., a transcript speaker for speaker.). Numbers compare as
 * numbers and only with numbers (text sorts after every number in SQLite, so `case.age >= 50`
 * must not pick "unknown"); text compares without regard to case, as survey answers are written
 * "Woman" or "woman".
 */
export function caseAttribute(node: Extract<Node, { kind: 'attr' }>, seg: string): { sql: string; params: unknown[] } {
  const numbers = node.values.every(isNumeric);
  const params = node.values.map((v) => (numbers ? Number(v) : v));
  const ordered = ['<', '<=', '>', '>='].includes(node.op);
  const collate = numbers ? '' : ' COLLATE NOCASE';
  const rhs = node.op === 'in' ? `IN (${params.map(() => '?').join(', ')})` : `${node.op} ?`;
  const typed = numbers ? "typeof(v.value) IN ('integer', 'real') AND " : ordered ? "typeof(v.value) = 'text' AND " : '';
  const kind = node.of === 'speaker' ? " AND c.kind = 'speaker'" : '';
  return {
    sql: `EXISTS (SELECT 1 FROM cases c JOIN case_attributes v ON v.case_id = c.id WHERE c.id = ${seg}.case_id${kind} AND v.key = ? AND ${typed}v.value${collate} ${rhs})`,
    params: [node.key.toLowerCase(), ...params],
  };
}
