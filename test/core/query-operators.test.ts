import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCoding } from '../../src/core/coding/index.js';
import { loadFramework, parseFramework } from '../../src/core/coding/framework/index.js';
import { ingest } from '../../src/core/ingest/index.js';
import { compileQuery, parseQuery, QuerySyntaxError, runQuery } from '../../src/core/query/index.js';
import { Db } from '../../src/core/store/index.js';
import { tempDir } from '../helpers.js';

// Two documents whose paragraphs become one segment each (A1–A4 on page 1 of a.txt, A5 on its
// page 2 after a form feed; B1, B2 in b.txt), coded by hand at offsets worked out below. Every
// paragraph starts with its label, so a result reads as the list of paragraphs it returns.
const A1 = 'A1. Women said the promotion panel never explained its decisions. Mentors helped some of them.';
const A = [A1, 'A2. Staff on short contracts lacked any career path at all.', 'A3. The grievance office was slow to answer complaints.', 'A4. Managers offered coaching to new staff.'].join('\n\n') + '\fA5. A later survey found the same pattern among new staff.';
const B = 'B1. Coaching made a difference for junior staff.\n\nB2. The panel decisions were still unexplained.';

const FRAMEWORK = `id: ops
title: Span operator fixture
version: 1
codes:
  - id: barrier
    label: Barrier
  - id: support
    label: Support
  - id: gender
    label: Gender
  - id: career
    label: Career
  - id: pay
    label: Pay
`;

describe('span operators and atleast on hand-placed codings', () => {
  let dir: string;
  let db: Db;
  const labels = (q: string) => runQuery(db, q, { limit: 100 }).excerpts.map((e) => e.text.slice(0, 2));

  beforeAll(async () => {
    dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.txt'), A);
    fs.writeFileSync(path.join(dir, 'b.txt'), B);
    db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
    await ingest(db, [path.join(dir, 'a.txt'), path.join(dir, 'b.txt')], { jobs: 0 });
    loadFramework(db, parseFramework(FRAMEWORK, 'ops.yaml'), FRAMEWORK);
    const seg = (doc: number, label: string) => db.sql.prepare("SELECT id FROM segments WHERE document_id = ? AND text LIKE ? || '%'").pluck().get(doc, label) as number;
    const at = (from: number, to: number) => ({ documentId: 1, page: 1, start: from, end: to });
    // Page 1 of a.txt: A1 is 0–94. "Women … decisions. " is 4–66, so the barrier ends exactly
    // where the support ("Mentors …", 66–94) starts: the two spans touch.

    expect(A1.slice(66, 94)).toBe('Mentors helped some of them.');
    expect(A1.slice(4, 9)).toBe('Women');
    expect(A1.slice(41, 73)).toBe('explained its decisions. Mentors');
    addCoding(db, 'barrier', at(4, 66), 'amina');
    addCoding(db, 'support', at(66, 94), 'amina');
    addCoding(db, 'gender', at(4, 9), 'amina'); // inside the barrier, sharing its start
    addCoding(db, 'pay', at(41, 73), 'amina'); // straddles the barrier's end and the support's start
    addCoding(db, 'pay', at(94, 100), 'amina'); // starts in the blank line after A1: in no segment
    addCoding(db, 'barrier', { segmentId: seg(1, 'A2') }, 'amina');
    addCoding(db, 'barrier', { segmentId: seg(1, 'A3') }, 'amina');
    addCoding(db, 'barrier', { segmentId: seg(1, 'A3') }, 'ben'); // a second coder, the same span
    addCoding(db, 'support', { segmentId: seg(1, 'A4') }, 'ben');
    addCoding(db, 'support', { segmentId: seg(1, 'A5') }, 'ben'); // page 2
    addCoding(db, 'support', { segmentId: seg(2, 'B1') }, 'amina');
    addCoding(db, 'barrier', { segmentId: seg(2, 'B2') }, 'amina');
    addCoding(db, 'career', { segmentId: seg(2, 'B2') }, 'amina'); // the same span as B2's barrier
  }, 30_000);
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('PRECEDES returns the left spans with a right span later in the same document, touching included', () => {
    // B2's barrier has only B1's support before it; A's supports are in another document.
    expect(labels('barrier PRECEDES support')).toEqual(['A1', 'A2', 'A3']);
    // /n counts segments from where the left span starts: A2 (seq 2) to A4's support (seq 4) is 2.
    expect(labels('barrier PRECEDES/1 support')).toEqual(['A1', 'A3']);
    expect(labels('barrier PRECEDES/0 support')).toEqual(['A1']);
  });

  it('FOLLOWS is PRECEDES seen from the other side, across pages too', () => {
    expect(labels('support FOLLOWS barrier')).toEqual(['A1', 'A4', 'A5']);
    expect(labels('support FOLLOWS/0 barrier')).toEqual(['A1']);
    expect(labels('support FOLLOWS/1 barrier')).toEqual(['A1', 'A4']);
  });

  it('spans on the same place neither precede nor follow each other, but enclose, sit inside and overlap', () => {
    expect(labels('career PRECEDES barrier')).toEqual([]);
    expect(labels('career FOLLOWS barrier')).toEqual([]);
    expect(labels('career ENCLOSES barrier')).toEqual(['B2']);
    expect(labels('career INSIDE barrier')).toEqual(['B2']);
    expect(labels('career OVERLAPS barrier')).toEqual(['B2']);
  });

  it('ENCLOSES and INSIDE test containment, a shared start included', () => {
    expect(labels('barrier ENCLOSES gender')).toEqual(['A1']);
    expect(labels('gender INSIDE barrier')).toEqual(['A1']);
    expect(labels('barrier INSIDE gender')).toEqual([]);
    expect(labels('pay INSIDE barrier')).toEqual([]);
    expect(labels('barrier ENCLOSES pay')).toEqual([]);
  });

  it('OVERLAPS needs a shared character: touching spans do not overlap, straddling ones do', () => {
    expect(labels('barrier OVERLAPS support')).toEqual([]);
    expect(labels('pay OVERLAPS barrier')).toEqual(['A1']);
    expect(labels('pay OVERLAPS support')).toEqual(['A1']);
    expect(labels('support OVERLAPS pay')).toEqual(['A1']);
  });

  it('never compares a coding with itself, but two coders on one span are two spans', () => {
    expect(labels('gender ENCLOSES gender')).toEqual([]);
    expect(labels('barrier ENCLOSES barrier')).toEqual(['A3']);
    expect(labels('(barrier AND coder:ben) INSIDE (barrier AND coder:amina)')).toEqual(['A3']);
    expect(labels('(barrier AND coder:amina) OVERLAPS (support AND coder:ben)')).toEqual([]);
  });

  it('composes with AND, OR, NOT, text and document fields, and nests', () => {
    expect(labels('(gender INSIDE barrier) PRECEDES/0 support')).toEqual(['A1']);
    expect(labels('(gender OR pay) INSIDE barrier')).toEqual(['A1']);
    expect(labels('barrier AND NOT (barrier PRECEDES support)')).toEqual(['B2']);
    // The pay coding outside every segment overlaps A2's barrier but is listed nowhere, and NOT
    // of a set holding it still keeps every other segment.
    expect(labels('NOT (pay OVERLAPS barrier)')).toEqual(['A2', 'A3', 'A4', 'A5', 'B1', 'B2']);
    expect(labels('NOT (pay OR gender)')).toEqual(['A2', 'A3', 'A4', 'A5', 'B1', 'B2']);
    expect(labels('NOT (pay AND text:women)')).toEqual(['A2', 'A3', 'A4', 'A5', 'B1', 'B2']);
    expect(labels('text:coaching FOLLOWS barrier')).toEqual(['A4']);
    expect(labels('barrier PRECEDES support AND doc.title = A AND coder:ben')).toEqual(['A3']);
    expect(labels('support FOLLOWS barrier OR career')).toEqual(['A1', 'A4', 'A5', 'B2']);
  });

  it('atleast(k, …) keeps the segments where k of the expressions hold', () => {
    expect(labels('atleast(2, barrier, support, career)')).toEqual(['A1', 'B2']);
    expect(labels('atleast(3, barrier, support, gender, career)')).toEqual(['A1']);
    expect(labels('atleast(1, gender, career)')).toEqual(labels('gender OR career'));
    expect(labels('atleast(2, barrier, text:coaching, doc.title = B)')).toEqual(['B1', 'B2']);
    expect(labels('atleast(2, barrier, support OVERLAPS pay, gender)')).toEqual(['A1']);
  });

  it('reads span operands from the covering index of migration 012, not the codings table', () => {
    const p = compileQuery(db, parseQuery('barrier OVERLAPS support'));
    const plan = (db.sql.prepare(`EXPLAIN QUERY PLAN SELECT s.id FROM segments s JOIN documents d ON d.id = s.document_id WHERE ${p.sql}`).all(...p.params) as { detail: string }[]).map((r) => r.detail);
    expect(plan.filter((d) => /codings/.test(d))).toEqual([expect.stringContaining('USING COVERING INDEX codings_span'), expect.stringContaining('USING COVERING INDEX codings_span')]);
  });

  it.each([
    ['atleast(4, barrier, support, gender)', 8, 'k from 1 to 3'],
    ['atleast(2, barrier)', 18, 'at least two expressions'],
    ['atleast(two, barrier, support)', 8, 'a whole number k'],
    ['barrier ENCLOSES/2 support', 8, 'expected AND, OR, NEAR/n, PRECEDES'],
    ['barrier PRECEDES', 16, 'expected a code'],
  ])('refuses %j at column %i', (expression, position, message) => {
    let error: unknown;
    try {
      runQuery(db, expression);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(QuerySyntaxError);
    expect((error as QuerySyntaxError).position).toBe(position);
    expect((error as QuerySyntaxError).message).toContain(message);
  });
});
