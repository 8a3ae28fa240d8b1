import { UsageError } from '../../errors.js';
import type { Db } from '../store/db.js';
import { getSetting } from '../store/settings.js';

export const STAGES = ['title-abstract', 'full-text'] as const;
export type Stage = (typeof STAGES)[number];
export const DECISIONS = ['include', 'exclude', 'maybe'] as const;
export type Decision = (typeof DECISIONS)[number];

/**
 * Where a record stands at a stage. `include` and `exclude` are final; at title-abstract `maybe`
 * is final too (the record goes on to full text); everything else waits for someone.
 */
export type StageStatus =
  | { state: 'include' | 'exclude' | 'maybe'; reason: string | null; by: 'agreement' | 'resolution'; reviewers: number }
  | { state: 'conflict'; reviewers: number }
  | { state: 'awaiting-reviewer'; reviewers: number }
  | { state: 'undecided'; reviewers: number };

/** How many reviewers must agree before their decision is final: the `screening` setting. */
export function requiredReviewers(db: Db): 1 | 2 {
  const mode = (getSetting(db, 'screening') ?? 'single').trim().toLowerCase();
  if (mode === 'single' || mode === '1') return 1;
  if (mode === 'double' || mode === '2') return 2;
  throw new UsageError('E_USAGE', `the screening setting is "${mode}"; set it to single or double (litkit config set screening double)`);
}

interface VoteRow {
  record_id: number;
  decision: Decision;
  reason: string | null;
}

/**
 * The one rule for a record's status at a stage, used by PRISMA, `table studies`, extraction,
 * `screen conflicts`, prioritisation and the stopping rule alike:
 * 1. a reconciling decision (`screen resolve`, `screen decide --final`) settles the record;
 * 2. otherwise, at title-abstract, include and maybe both mean "on to full text" (Covidence's
 *    rule): a record some reviewer excludes and another includes or marks maybe is a conflict;
 *    at full-text, include against exclude is a conflict, and so are exclusions for different
 *    reasons (PRISMA reports one reason per report), while a maybe is undecided;
 * 3. reviewers who agree settle the record once there are as many as the `screening` setting
 *    asks (single: one, double: two); until then it awaits a reviewer.
 */
export function stageStatuses(db: Db, stage: Stage): Map<number, StageStatus> {
  const required = requiredReviewers(db);
  const votes = db.sql.prepare('SELECT record_id, decision, reason FROM screening WHERE stage = ? ORDER BY record_id, reviewer').all(stage) as VoteRow[];
  const byRecord = new Map<number, VoteRow[]>();
  for (const v of votes) {
    let list = byRecord.get(v.record_id);
    if (!list) byRecord.set(v.record_id, (list = []));
    list.push(v);
  }
  const out = new Map<number, StageStatus>();
  for (const [id, list] of byRecord) out.set(id, fromVotes(stage, list, required));
  const resolutions = db.sql.prepare('SELECT record_id, decision, reason FROM screening_resolutions WHERE stage = ?').all(stage) as VoteRow[];
  for (const r of resolutions) out.set(r.record_id, { state: r.decision as 'include' | 'exclude', reason: r.reason, by: 'resolution', reviewers: byRecord.get(r.record_id)?.length ?? 0 });
  return out;
}

function fromVotes(stage: Stage, votes: VoteRow[], required: number): StageStatus {
  const reviewers = votes.length;
  const yes = votes.filter((v) => v.decision === 'include' || (stage === 'title-abstract' && v.decision === 'maybe'));
  const no = votes.filter((v) => v.decision === 'exclude');
  if (yes.length && no.length) return { state: 'conflict', reviewers };
  if (stage === 'full-text') {
    if (votes.some((v) => v.decision === 'maybe')) return { state: 'undecided', reviewers };
    if (new Set(no.map((v) => (v.reason ?? '').trim().toLowerCase())).size > 1) return { state: 'conflict', reviewers };
  }
  if (reviewers < required) return { state: 'awaiting-reviewer', reviewers };
  if (no.length) return { state: 'exclude', reason: no[0]!.reason, by: 'agreement', reviewers };
  return { state: yes.some((v) => v.decision === 'include') ? 'include' : 'maybe', reason: null, by: 'agreement', reviewers };
}

/** Whether a status is final and takes the record forward (title-abstract include or maybe; full-text include). */
export function isForward(s: StageStatus | undefined): boolean {
  return s?.state === 'include' || s?.state === 'maybe';
}

/** Whether a status is a final decision. */
export function isFinal(s: StageStatus | undefined): s is Extract<StageStatus, { by: string }> {
  return s?.state === 'include' || s?.state === 'exclude' || s?.state === 'maybe';
}

/** Full-text exclusions whose reason says the report could not be obtained: PRISMA's "not retrieved", not an exclusion. */
export const NOT_RETRIEVED = /^not (retrieved|retrievable|available|obtained)\b/i;

/** The records at a stage's door: every unique record at title-abstract; at full-text, the title-abstract ones going forward. */
export function stageRecords(db: Db, stage: Stage): number[] {
  const unique = db.sql.prepare('SELECT id FROM records WHERE duplicate_of IS NULL ORDER BY id').pluck().all() as number[];
  if (stage === 'title-abstract') return unique;
  const ta = stageStatuses(db, 'title-abstract');
  return unique.filter((id) => isForward(ta.get(id)));
}

/** The studies included in the review: full-text includes among the records going forward from title-abstract. */
export function includedRecordIds(db: Db): number[] {
  const ft = stageStatuses(db, 'full-text');
  return stageRecords(db, 'full-text').filter((id) => ft.get(id)?.state === 'include');
}
