import { parse } from 'csv-parse/sync';
import { UsageError } from '../../errors.js';
import { readTextFile } from '../text/decode.js';
import { audit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { agreementStats, type AgreementStats } from '../coding/agreement.js';
import { getSetting, setSetting } from '../store/settings.js';
import { endSampleIfOutside } from './sample.js';
import { DECISIONS, stageStatuses, type Decision, type Stage } from './status.js';

/** Refuses a decision PRISMA could not report: an unknown record, a full-text exclusion without a reason, an exclusion reason outside the project's list. Returns the reason as the list spells it. */
function check(db: Db, recordId: number, decision: Decision, stage: Stage, reason: string | undefined, newReason = false): string | undefined {
  if (!db.sql.prepare('SELECT 1 FROM records WHERE id = ?').get(recordId)) throw new UsageError('E_NO_RECORD', `no record ${recordId} (see \`litkit records list\`)`);
  if (stage === 'full-text' && decision === 'exclude' && !reason?.trim()) throw new UsageError('E_USAGE', 'a full-text exclusion needs a --reason (PRISMA reports exclusions with reasons)');
  if (decision !== 'exclude' || !reason?.trim()) return reason;
  return listedReason(db, reason, newReason);
}

/**
 * An exclusion reason as the project's list spells it (case and spaces aside), so PRISMA counts
 * one reason once. Outside the list it is refused at every stage, unless `newReason` adds it; a
 * project with no list takes any reason.
 */
function listedReason(db: Db, reason: string, newReason: boolean): string {
  const allowed = exclusionReasons(db);
  const key = (r: string) => r.trim().replace(/\s+/g, ' ').toLowerCase();
  const known = allowed.find((r) => key(r) === key(reason));
  if (known) return known;
  if (!allowed.length && !newReason) return reason.trim();
  if (!newReason) throw new UsageError('E_REASON', `"${reason}" is not one of the project's exclusion reasons: ${allowed.join('; ')} (--new-reason adds it to the list)`);
  if (reason.includes(';')) throw new UsageError('E_REASON', `an exclusion reason cannot hold ";", which separates the reasons of the list: "${reason}"`);
  return reason.trim().replace(/\s+/g, ' ');
}

/** Adds a reason to the project's list when it is not on it yet (inside the caller's transaction). */
function addReason(db: Db, reason: string | undefined, actor: string): void {
  if (!reason) return;
  const allowed = exclusionReasons(db);
  if (allowed.includes(reason)) return;
  setSetting(db, 'exclusion-reasons', [...allowed, reason].join('; '));
  audit(db, actor, 'screen.reason', reason, { reasons: [...allowed, reason] });
}

/** Options of a screening decision. */
export interface DecisionOptions {
  stage?: Stage;
  reason?: string;
  /** Add `reason` to the project's exclusion reasons when it is not one of them (else it is refused). */
  newReason?: boolean;
}

/** Records a reviewer's decision on a record at a stage (a later decision replaces an earlier one). */
export function decide(db: Db, recordId: number, decision: Decision, options: DecisionOptions & { reviewer: string }): void {
  const stage = options.stage ?? 'title-abstract';
  const reason = check(db, recordId, decision, stage, options.reason, options.newReason);
  db.transaction(() => {
    if (options.newReason && decision === 'exclude') addReason(db, reason, options.reviewer);
    endSampleIfOutside(db, stage, recordId, options.reviewer);
    db.sql
      .prepare(`INSERT INTO screening (record_id, stage, decision, reason, reviewer, decided_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(record_id, stage, reviewer) DO UPDATE SET decision = excluded.decision, reason = excluded.reason, decided_at = excluded.decided_at`)
      .run(recordId, stage, decision, reason ?? null, options.reviewer, new Date().toISOString());
    audit(db, options.reviewer, 'screen.decide', String(recordId), { stage, decision, reason: reason ?? null });
  });
}

/** The project's list of exclusion reasons (`litkit config set exclusion-reasons "a; b"`, or `screen decide --new-reason`); empty when free. */
export function exclusionReasons(db: Db): string[] {
  return (getSetting(db, 'exclusion-reasons') ?? '').split(';').map((r) => r.trim()).filter(Boolean);
}

/**
 * The reconciling decision on a record at a stage, by a third reviewer or by consensus: it is the
 * record's final decision whatever the reviewers said (their own decisions stay, for agreement).
 */
export function resolve(db: Db, recordId: number, decision: 'include' | 'exclude', options: DecisionOptions & { resolver: string }): void {
  const stage = options.stage ?? 'title-abstract';
  const reason = check(db, recordId, decision, stage, options.reason, options.newReason);
  db.transaction(() => {
    if (options.newReason && decision === 'exclude') addReason(db, reason, options.resolver);
    endSampleIfOutside(db, stage, recordId, options.resolver);
    db.sql
      .prepare(`INSERT INTO screening_resolutions (record_id, stage, decision, reason, resolver, decided_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(record_id, stage) DO UPDATE SET decision = excluded.decision, reason = excluded.reason, resolver = excluded.resolver, decided_at = excluded.decided_at`)
      .run(recordId, stage, decision, reason ?? null, options.resolver, new Date().toISOString());
    audit(db, options.resolver, 'screen.resolve', String(recordId), { stage, decision, reason: reason ?? null });
  });
}

export interface Conflict {
  recordId: number;
  title: string;
  decisions: { reviewer: string; decision: Decision; reason: string | null }[];
}

/** Records on which reviewers disagree at a stage and no reconciling decision has been made. */
export function conflicts(db: Db, stage: Stage = 'title-abstract'): Conflict[] {
  const ids = [...stageStatuses(db, stage)].filter(([, s]) => s.state === 'conflict').map(([id]) => id).sort((a, b) => a - b);
  return ids.map((id) => ({
    recordId: id,
    title: db.sql.prepare('SELECT title FROM records WHERE id = ?').pluck().get(id) as string,
    decisions: db.sql.prepare('SELECT reviewer, decision, reason FROM screening WHERE record_id = ? AND stage = ? ORDER BY reviewer').all(id, stage) as Conflict['decisions'],
  }));
}

export interface ReviewerAgreement extends AgreementStats {
  reviewers: [string, string];
}

/**
 * Agreement between each pair of reviewers on the records both screened at a stage (a sample
 * double-screened, or all of them): Cohen's kappa and Krippendorff's alpha on "goes forward"
 * (title-abstract include or maybe; full-text include) against exclude.
 */
export function screeningAgreement(db: Db, stage: Stage = 'title-abstract'): ReviewerAgreement[] {
  const rows = db.sql.prepare("SELECT record_id, reviewer, decision FROM screening WHERE stage = ? AND (decision != 'maybe' OR stage = 'title-abstract')").all(stage) as { record_id: number; reviewer: string; decision: Decision }[];
  const byReviewer = new Map<string, Map<number, boolean>>();
  for (const r of rows) {
    if (!byReviewer.has(r.reviewer)) byReviewer.set(r.reviewer, new Map());
    byReviewer.get(r.reviewer)!.set(r.record_id, r.decision !== 'exclude');
  }
  const names = [...byReviewer.keys()].sort();
  const out: ReviewerAgreement[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const [a, b] = [byReviewer.get(names[i]!)!, byReviewer.get(names[j]!)!];
      const t = { both: 0, firstOnly: 0, secondOnly: 0, neither: 0 };
      for (const [id, x] of a) {
        const y = b.get(id);
        if (y === undefined) continue;
        if (x && y) t.both++;
        else if (x) t.firstOnly++;
        else if (y) t.secondOnly++;
        else t.neither++;
      }
      if (t.both + t.firstOnly + t.secondOnly + t.neither) out.push({ reviewers: [names[i]!, names[j]!], ...agreementStats(t) });
    }
  }
  return out;
}

/** Decisions made elsewhere: a CSV with record_id and decision columns (reason, reviewer, stage optional). */
export function importDecisions(db: Db, file: string, defaults: { reviewer: string; stage?: Stage }): { imported: number; problems: { line: number; message: string }[] } {
  const rows = parse(readTextFile(file), { columns: true, skip_empty_lines: true, info: true }) as { record: Record<string, string>; info: { lines: number } }[];
  const problems: { line: number; message: string }[] = [];
  let imported = 0;
  for (const { record: r, info } of rows) {
    const id = Number(r.record_id ?? r.id);
    const decision = (r.decision ?? '').trim().toLowerCase() as Decision;
    if (!Number.isInteger(id) || !DECISIONS.includes(decision)) {
      problems.push({ line: info.lines, message: 'needs a record_id and a decision of include, exclude or maybe' });
      continue;
    }
    try {
      decide(db, id, decision, { stage: (r.stage as Stage) || defaults.stage, reason: r.reason || undefined, reviewer: r.reviewer || defaults.reviewer });
      imported++;
    } catch (err) {
      problems.push({ line: info.lines, message: (err as Error).message });
    }
  }
  return { imported, problems };
}

/** Takes back a reviewer's latest decision at a stage; returns the record it was on. */
export function undoLast(db: Db, reviewer: string, stage: Stage = 'title-abstract'): number | undefined {
  const last = db.sql.prepare('SELECT id, record_id FROM screening WHERE reviewer = ? AND stage = ? ORDER BY decided_at DESC, id DESC LIMIT 1').get(reviewer, stage) as { id: number; record_id: number } | undefined;
  if (!last) return undefined;
  db.transaction(() => {
    db.sql.prepare('DELETE FROM screening WHERE id = ?').run(last.id);
    audit(db, reviewer, 'screen.undo', String(last.record_id), { stage });
  });
  return last.record_id;
}
