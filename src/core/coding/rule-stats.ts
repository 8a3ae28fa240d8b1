import type { Db } from '../store/db.js';
import type { CodeRecord, RuleRecord } from './confidence.js';

/**
 * The decision in force on each reviewed span: the latest not undone of those on the same code,
 * segment and span (a later reviewer's verdict replaces an earlier one's).
 */
const LATEST = `latest AS (SELECT * FROM coding_decisions d WHERE d.undone = 0 AND NOT EXISTS (
    SELECT 1 FROM coding_decisions e WHERE e.undone = 0 AND e.code_id = d.code_id AND e.segment_id = d.segment_id
      AND e.page = d.page AND e.start = d.start AND e.end = d.end AND e.id > d.id))`;

/** The rules a stored coding fired: from its confidence record, else its one `rule` column; 'suggest' for a suggestion. */
const CODING_RULES = `CASE WHEN k.coder = 'suggest' THEN json_array('suggest')
  WHEN json_extract(k.evidence, '$.confidence.rules') IS NOT NULL THEN json_extract(k.evidence, '$.confidence.rules')
  ELSE json_array(k.rule) END`;

/** The decision in force on each reviewed span: its code, segment and verdict. */
export function decisionsInForce(db: Db): { code: string; segmentId: number; decision: 'accept' | 'reject' | 'recode' }[] {
  return db.sql.prepare(`WITH ${LATEST} SELECT code_id AS code, segment_id AS segmentId, decision FROM latest ORDER BY id`).all() as {
    code: string;
    segmentId: number;
    decision: 'accept' | 'reject' | 'recode';
  }[];
}

/** Per code, the review decisions in force on its codings: pooled, and per rule that fired. */
export function codeRecords(db: Db): Map<string, CodeRecord> {
  const rows = db.sql
    .prepare(`WITH ${LATEST} SELECT l.code_id AS code, r.value AS rule, count(*) AS decisions, sum(l.decision = 'accept') AS accepted
      FROM latest l, json_each(l.rules) r GROUP BY 1, 2`)
    .all() as { code: string; rule: string; decisions: number; accepted: number }[];
  const pooled = db.sql
    .prepare(`WITH ${LATEST} SELECT code_id AS code, count(*) AS decisions, sum(decision = 'accept') AS accepted FROM latest GROUP BY 1`)
    .all() as { code: string; decisions: number; accepted: number }[];
  const out = new Map<string, CodeRecord>(pooled.map((p) => [p.code, { decisions: p.decisions, accepted: p.accepted, rules: new Map() }]));
  for (const r of rows) out.get(r.code)?.rules.set(r.rule, { decisions: r.decisions, accepted: r.accepted });
  return out;
}

export interface ReviewCounts {
  /** Auto or suggested codings stored now (any status). */
  codings: number;
  reviewed: number;
  accepted: number;
  /** Rejected, recodes included. */
  rejected: number;
  /** accepted / reviewed; null before any review. */
  precision: number | null;
}

export interface RuleStats extends ReviewCounts {
  rule: string;
}

export interface CodeStats extends ReviewCounts {
  code: string;
  label: string;
  rules: RuleStats[];
}

const counts = (codings: number, reviewed: number, accepted: number): ReviewCounts => ({
  codings,
  reviewed,
  accepted,
  rejected: reviewed - accepted,
  precision: reviewed ? accepted / reviewed : null,
});

/**
 * Per code of a framework and per rule that fired or was reviewed: codings, reviewed, accepted,
 * rejected and precision from the review decisions in force. A coding's decision counts for
 * every rule that fired on it.
 */
export function frameworkStats(db: Db, frameworkId: string): CodeStats[] {
  const codes = db.sql.prepare('SELECT id, label FROM codes WHERE framework_id = ? ORDER BY position').all(frameworkId) as { id: string; label: string }[];
  const own = JSON.stringify(codes.map((c) => c.id));
  const codingsByCode = db.sql
    .prepare("SELECT code_id AS code, count(*) AS n FROM codings WHERE coder IN ('auto', 'suggest') AND code_id IN (SELECT value FROM json_each(?)) GROUP BY 1")
    .all(own) as { code: string; n: number }[];
  const codingsByRule = db.sql
    .prepare(`SELECT k.code_id AS code, r.value AS rule, count(*) AS n FROM codings k, json_each(${CODING_RULES}) r
      WHERE k.coder IN ('auto', 'suggest') AND k.code_id IN (SELECT value FROM json_each(?)) GROUP BY 1, 2`)
    .all(own) as { code: string; rule: string; n: number }[];
  const learned = codeRecords(db);
  const codingCount = new Map(codingsByCode.map((r) => [r.code, r.n]));
  return codes.map((c) => {
    const ruleCodings = new Map(codingsByRule.filter((r) => r.code === c.id).map((r) => [r.rule, r.n]));
    const record = learned.get(c.id);
    const ruleDecisions = record?.rules ?? new Map<string, RuleRecord>();
    const rules = [...new Set([...ruleCodings.keys(), ...ruleDecisions.keys()])]
      .map((rule) => ({ rule, ...counts(ruleCodings.get(rule) ?? 0, ruleDecisions.get(rule)?.decisions ?? 0, ruleDecisions.get(rule)?.accepted ?? 0) }))
      .sort((a, b) => b.codings - a.codings || b.reviewed - a.reviewed || a.rule.localeCompare(b.rule));
    return { code: c.id, label: c.label, ...counts(codingCount.get(c.id) ?? 0, record?.decisions ?? 0, record?.accepted ?? 0), rules };
  });
}
