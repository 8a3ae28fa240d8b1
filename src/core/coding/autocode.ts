import { DEFAULT_CODING_KINDS, type SegmentKind } from '../documents/kinds.js';
import { whereSegmentIds } from '../query/where.js';
import { audit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { confidence } from './confidence.js';
import { frameworkCodes, resolveFramework } from './framework/store.js';
import { Matcher } from './matcher.js';
import { applyDecisions, nextCodingId } from './review.js';
import { codeRecords } from './rule-stats.js';
import { segmentKinds } from './segment-kind.js';

export interface AutocodeOptions {
  framework?: string;
  /** Only segments this query selects (the query language; `text:"…"` for words). */
  where?: string;
  /** Only this document. */
  documentId?: number;
  /** Kinds of segment to code (default DEFAULT_CODING_KINDS: not headings, source lines or boilerplate). */
  kinds?: readonly SegmentKind[];
  /** Store only codings with at least this confidence (default 0: all); codings a reviewer decided on are always stored. */
  minConfidence?: number;
  /** Also code the turns of interviewers (speakers with role interviewer), which ask rather than tell. */
  includeInterviewer?: boolean;
}

export interface AutocodeReport {
  framework: string;
  version: string;
  segments: number;
  codings: number;
  replaced: number;
  /** Codings below `minConfidence`, not stored. */
  heldBack: number;
  /** Inserted codings that got a status from earlier review decisions. */
  reviewed: number;
  seconds: number;
  segmentsPerSecond: number;
  byCode: { code: string; codings: number; documents: number }[];
}

interface SegmentRow {
  id: number;
  document_id: number;
  page: number;
  start: number;
  text: string;
}

/** A segment `s` that is an interviewer's turn: its speaker has role interviewer. */
const INTERVIEWER_TURN = `EXISTS (SELECT 1 FROM case_attributes v WHERE v.case_id = s.case_id AND v.key = 'role' AND lower(v.value) = 'interviewer')`;

/** At most this many matches are kept as a coding's evidence; the count of all is kept too. */
const MAX_EVIDENCE = 10;

/**
 * Codes every segment of the coding kinds (or those in scope) with the framework's rules. Each
 * coding records the code, segment, offsets, coder `auto`, the rule that fired, the matched words
 * and the framework version. Re-running replaces the framework's auto codings in scope; manual
 * codings are never touched.
 */
export function autocode(db: Db, options: AutocodeOptions = {}): AutocodeReport {
  const started = performance.now();
  const fw = resolveFramework(db, options.framework);
  const codes = frameworkCodes(db, fw.id);
  const matcher = new Matcher(codes);
  // Positional parameters throughout: the --where predicate brings its own, in order.
  const scope: string[] = [];
  const params: unknown[] = [];
  if (options.where) {
    const p = whereSegmentIds(db, options.where);
    scope.push(p.sql);
    params.push(...p.params);
  }
  if (options.documentId !== undefined) {
    scope.push('s.document_id = ?');
    params.push(options.documentId);
  }
  const where = scope.length ? `WHERE ${scope.join(' AND ')}` : '';
  // Kinds narrow what is coded, not what is replaced: a run with the default kinds removes earlier
  // auto codings of headings and boilerplate.
  const ofKind = `${where ? `${where} AND` : 'WHERE'} s.kind IN (SELECT value FROM json_each(?))${options.includeInterviewer ? '' : ` AND NOT ${INTERVIEWER_TURN}`}`;
  const segments = db.sql
    .prepare(`SELECT s.id, s.document_id, s.page, s.start, s.text FROM segments s ${ofKind} ORDER BY s.id`)
    .all(...params, JSON.stringify(options.kinds ?? DEFAULT_CODING_KINDS)) as SegmentRow[];

  const report: AutocodeReport = { framework: fw.id, version: fw.version, segments: segments.length, codings: 0, replaced: 0, heldBack: 0, reviewed: 0, seconds: 0, segmentsPerSecond: 0, byCode: [] };
  const now = new Date().toISOString();
  // Matching and scoring read only, so they run before the write transaction: the project's write
  // lock is held just for the delete and the inserts, and a concurrent ingest or memo waits that long.
  const learned = codeRecords(db);
  const kindOf = segmentKinds(db);
  const decided = db.sql.prepare('SELECT 1 FROM coding_decisions WHERE code_id = ? AND segment_id = ? AND undone = 0 LIMIT 1').pluck();
  const rows: unknown[][] = [];
  for (const seg of segments) {
    for (const [code, hits] of matcher.match(seg.text)) {
      const conf = confidence({ hits, segmentText: seg.text, kind: kindOf(seg.id), learned: learned.get(code) });
      // A coding a reviewer has decided on is kept whatever its confidence, so the decision still applies.
      if (conf.score < (options.minConfidence ?? 0) && !decided.get(code, seg.id)) {
        report.heldBack++;
        continue;
      }
      const evidence = {
        matches: hits.length,
        hits: hits.slice(0, MAX_EVIDENCE).map((h) => ({ rule: h.rule, text: h.text, start: seg.start + h.start, end: seg.start + h.end })),
        confidence: conf,
      };
      rows.push([code, seg.document_id, seg.id, seg.page, seg.start, seg.start + seg.text.length, fw.version, hits[0]!.rule, JSON.stringify(evidence), conf.score, now]);
    }
  }
  db.transaction(() => {
    const codeIds = codes.map((c) => c.id);
    const inScope = scope.length ? `AND segment_id IN (SELECT s.id FROM segments s ${where})` : '';
    const del = db.sql.prepare(`DELETE FROM codings WHERE coder = 'auto' AND code_id IN (SELECT value FROM json_each(?)) ${inScope}`);
    report.replaced = del.run(JSON.stringify(codeIds), ...params).changes;
    const insert = db.sql.prepare(`INSERT INTO codings (code_id, document_id, segment_id, page, start, end, coder, framework_version, rule, evidence, score, created_at)
      VALUES (?, ?, ?, ?, ?, ?, 'auto', ?, ?, ?, ?, ?)`);
    const firstId = nextCodingId(db);
    for (const row of rows) insert.run(...row);
    report.codings = rows.length;
    report.reviewed = applyDecisions(db, firstId);
    audit(db, 'auto', 'code.auto', fw.id, { version: fw.version, where: options.where ?? null, codings: report.codings, replaced: report.replaced, heldBack: report.heldBack, reviewed: report.reviewed });
  });
  report.byCode = (
    db.sql
      .prepare(`SELECT c.id AS code, count(k.id) AS codings, count(DISTINCT k.document_id) AS documents
        FROM codes c LEFT JOIN codings k ON k.code_id = c.id AND k.coder = 'auto'
        WHERE c.framework_id = ? GROUP BY c.id ORDER BY c.position`)
      .all(fw.id) as { code: string; codings: number; documents: number }[]
  );
  report.seconds = (performance.now() - started) / 1000;
  report.segmentsPerSecond = report.seconds > 0 ? segments.length / report.seconds : 0;
  return report;
}
