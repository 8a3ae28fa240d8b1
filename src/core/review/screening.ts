import { parse } from 'csv-parse/sync';
import { UsageError } from '../../errors.js';
import { readTextFile } from '../ingest/decode.js';
import { audit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { getSetting } from '../store/settings.js';
import { prioritise, recordText, stoppingRun } from './prioritise.js';

export const STAGES = ['title-abstract', 'full-text'] as const;
export type Stage = (typeof STAGES)[number];
export const DECISIONS = ['include', 'exclude', 'maybe'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface RecordSummary {
  id: number;
  title: string;
  abstract: string | null;
  authors: string[];
  year: number | null;
  journal: string | null;
  doi: string | null;
}

interface RecordRow {
  id: number;
  title: string;
  abstract: string | null;
  authors: string;
  year: number | null;
  journal: string | null;
  doi: string | null;
}

const toSummary = (r: RecordRow): RecordSummary => ({ ...r, authors: JSON.parse(r.authors) as string[] });

/** Records a reviewer's decision on a record at a stage (a later decision replaces an earlier one). */
export function decide(db: Db, recordId: number, decision: Decision, options: { stage?: Stage; reason?: string; reviewer: string }): void {
  const stage = options.stage ?? 'title-abstract';
  if (!db.sql.prepare('SELECT 1 FROM records WHERE id = ?').get(recordId)) throw new UsageError('E_NO_RECORD', `no record ${recordId} (see \`litkit records list\`)`);
  if (stage === 'full-text' && decision === 'exclude') {
    if (!options.reason) throw new UsageError('E_USAGE', 'a full-text exclusion needs a --reason (PRISMA reports exclusions with reasons)');
    const allowed = exclusionReasons(db);
    if (allowed.length && !allowed.includes(options.reason)) throw new UsageError('E_USAGE', `"${options.reason}" is not one of the project's exclusion reasons: ${allowed.join('; ')}`);
  }
  db.transaction(() => {
    db.sql
      .prepare(`INSERT INTO screening (record_id, stage, decision, reason, reviewer, decided_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(record_id, stage, reviewer) DO UPDATE SET decision = excluded.decision, reason = excluded.reason, decided_at = excluded.decided_at`)
      .run(recordId, stage, decision, options.reason ?? null, options.reviewer, new Date().toISOString());
    audit(db, options.reviewer, 'screen.decide', String(recordId), { stage, decision, reason: options.reason ?? null });
  });
}

/** The project's list of full-text exclusion reasons (`litkit config set exclusion-reasons "a; b"`); empty when free. */
export function exclusionReasons(db: Db): string[] {
  return (getSetting(db, 'exclusion-reasons') ?? '').split(';').map((r) => r.trim()).filter(Boolean);
}

/** Each record's settled decision at a stage: unanimous among its reviewers, or 'conflict'. */
export function finalDecisions(db: Db, stage: Stage): Map<number, Decision | 'conflict'> {
  const rows = db.sql.prepare('SELECT record_id, group_concat(DISTINCT decision) AS ds FROM screening WHERE stage = ? GROUP BY record_id').all(stage) as { record_id: number; ds: string }[];
  return new Map(rows.map((r) => [r.record_id, r.ds.includes(',') ? 'conflict' : (r.ds as Decision)]));
}

export interface NextRecord {
  record: RecordSummary | null;
  remaining: number;
  screened: number;
  /** Excludes in a row at the end of this reviewer's decisions: a long run suggests stopping. */
  irrelevantRun: number;
  hint: string | null;
}

/**
 * The record to screen next at a stage: the unscreened one (by this reviewer) the model ranks
 * most likely relevant, trained on the project's decisions so far.
 */
export function nextRecord(db: Db, options: { stage?: Stage; reviewer: string }): NextRecord {
  const stage = options.stage ?? 'title-abstract';
  const eligible =
    stage === 'title-abstract'
      ? (db.sql.prepare('SELECT id, title, abstract, authors, year, journal, doi FROM records WHERE duplicate_of IS NULL ORDER BY id').all() as RecordRow[])
      : (db.sql
          .prepare(`SELECT id, title, abstract, authors, year, journal, doi FROM records r WHERE duplicate_of IS NULL AND EXISTS
            (SELECT 1 FROM screening s WHERE s.record_id = r.id AND s.stage = 'title-abstract' AND s.decision IN ('include', 'maybe')) ORDER BY id`)
          .all() as RecordRow[]);
  const mine = new Set(db.sql.prepare('SELECT record_id FROM screening WHERE stage = ? AND reviewer = ?').pluck().all(stage, options.reviewer) as number[]);
  const labels = finalDecisions(db, 'title-abstract');
  const index = new Map(eligible.map((r, i) => [r.id, i]));
  const known = new Map<number, boolean>();
  for (const [id, d] of labels) if (index.has(id) && (d === 'include' || d === 'exclude')) known.set(index.get(id)!, d === 'include');
  const candidates = eligible.map((r, i) => (mine.has(r.id) ? -1 : i)).filter((i) => i >= 0);
  const order = prioritise(eligible.map((r) => recordText(r.title, r.abstract)), known, candidates);
  const history = db.sql.prepare('SELECT decision FROM screening WHERE stage = ? AND reviewer = ? ORDER BY decided_at DESC, id DESC').pluck().all(stage, options.reviewer) as string[];
  const run = history.findIndex((d) => d !== 'exclude');
  const irrelevantRun = run === -1 ? history.length : run;
  const threshold = stoppingRun(eligible.length);
  return {
    record: order.length ? toSummary(eligible[order[0]!]!) : null,
    remaining: order.length,
    screened: mine.size,
    irrelevantRun,
    hint: irrelevantRun >= threshold ? `the last ${irrelevantRun} records were all excluded: screening further may find little (stop at your protocol's rule)` : null,
  };
}

export interface Conflict {
  recordId: number;
  title: string;
  decisions: { reviewer: string; decision: Decision; reason: string | null }[];
}

/** Records on which reviewers disagree at a stage. */
export function conflicts(db: Db, stage: Stage = 'title-abstract'): Conflict[] {
  const ids = [...finalDecisions(db, stage)].filter(([, d]) => d === 'conflict').map(([id]) => id);
  return ids.map((id) => ({
    recordId: id,
    title: db.sql.prepare('SELECT title FROM records WHERE id = ?').pluck().get(id) as string,
    decisions: db.sql.prepare('SELECT reviewer, decision, reason FROM screening WHERE record_id = ? AND stage = ? ORDER BY reviewer').all(id, stage) as Conflict['decisions'],
  }));
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
