import { randomInt } from 'node:crypto';
import { audit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { isFinal, isForward, stageRecords, stageStatuses, type Stage } from './status.js';
import { recallTest, type RecallTest } from './stopping.js';

interface SampleRow {
  id: number;
  started_at: string;
}

const openSample = (db: Db, stage: Stage) => db.sql.prepare('SELECT id, started_at FROM screening_samples WHERE stage = ? AND ended_at IS NULL').get(stage) as SampleRow | undefined;

const drawsOf = (db: Db, sampleId: number) => db.sql.prepare('SELECT record_id FROM screening_draws WHERE sample_id = ? ORDER BY seq').pluck().all(sampleId) as number[];

/**
 * The sampled record this reviewer should screen next at a stage: the first draw of the open
 * sample still waiting for them, else a new draw, uniformly at random, from the records nobody
 * has screened at this stage. Starts a sample if none is open.
 */
export function drawForReviewer(db: Db, stage: Stage, reviewer: string, eligible: number[]): { recordId: number | null; urnLeft: number; note: string } {
  return db.transaction(() => {
    let sample = openSample(db, stage);
    if (!sample) {
      const started = new Date().toISOString();
      const id = Number(db.sql.prepare('INSERT INTO screening_samples (stage, started_at) VALUES (?, ?)').run(stage, started).lastInsertRowid);
      audit(db, reviewer, 'screen.sample.start', String(id), { stage });
      sample = { id, started_at: started };
    }
    const statuses = stageStatuses(db, stage);
    const mine = new Set(db.sql.prepare('SELECT record_id FROM screening WHERE stage = ? AND reviewer = ?').pluck().all(stage, reviewer) as number[]);
    const draws = drawsOf(db, sample.id);
    const drawn = new Set(draws);
    const urn = eligible.filter((id) => !statuses.has(id) && !drawn.has(id));
    const waiting = draws.find((id) => !mine.has(id) && !isFinal(statuses.get(id)) && statuses.get(id)?.state !== 'conflict');
    if (waiting !== undefined) return { recordId: waiting, urnLeft: urn.length, note: `random sample for the stopping rule: draw ${draws.indexOf(waiting) + 1}, waiting for you; screen it whatever it looks like` };
    if (!urn.length) return { recordId: null, urnLeft: 0, note: 'random sample: every record at this stage has been screened' };
    const pick = urn[randomInt(urn.length)]!;
    db.sql.prepare('INSERT INTO screening_draws (sample_id, seq, record_id, drawn_at) VALUES (?, ?, ?, ?)').run(sample.id, draws.length + 1, pick, new Date().toISOString());
    return { recordId: pick, urnLeft: urn.length - 1, note: `random sample for the stopping rule: draw ${draws.length + 1}; screen it whatever it looks like` };
  });
}

/**
 * Called before a decision is stored: a first decision on a record outside the open sample
 * changes the urn the sample was drawn from, so that sample ends and the test starts again.
 */
export function endSampleIfOutside(db: Db, stage: Stage, recordId: number, actor: string): void {
  const sample = openSample(db, stage);
  if (!sample) return;
  if (db.sql.prepare('SELECT 1 FROM screening_draws WHERE sample_id = ? AND record_id = ?').get(sample.id, recordId)) return;
  if (db.sql.prepare('SELECT 1 FROM screening WHERE record_id = ? AND stage = ?').get(recordId, stage)) return;
  db.sql.prepare('UPDATE screening_samples SET ended_at = ?, ended_because = ? WHERE id = ?').run(new Date().toISOString(), `record ${recordId}, outside the sample, was screened`, sample.id);
  audit(db, actor, 'screen.sample.end', String(sample.id), { stage, because: recordId });
}

export interface StopReport extends RecallTest {
  stage: Stage;
  target: number;
  confidence: number;
  /** Records at the stage's door. */
  records: number;
  /** Records screened before the sample began (prioritised screening). */
  screenedBefore: number;
  /** Drawn records without a final decision yet (not counted in the sample until decided). */
  pendingDraws: number;
  /** Records screened outside the sample whose status is not final: counted as not relevant, which can only delay stopping. */
  unsettledBefore: number;
  sampleOpen: boolean;
}

/**
 * The stopping rule on the project at a stage: prioritised screening so far, then the open random
 * sample's final decisions, tested as in `recallTest`.
 */
export function stoppingReport(db: Db, stage: Stage, options: { recall?: number; confidence?: number } = {}): StopReport {
  const target = options.recall ?? 0.95;
  const confidence = options.confidence ?? 0.95;
  const eligible = stageRecords(db, stage);
  const statuses = stageStatuses(db, stage);
  const sample = openSample(db, stage);
  const draws = new Set(sample ? drawsOf(db, sample.id) : []);
  let screenedBefore = 0;
  let relevantBefore = 0;
  let unsettledBefore = 0;
  let sampled = 0;
  let sampledRelevant = 0;
  let pendingDraws = 0;
  for (const id of eligible) {
    const s = statuses.get(id);
    if (draws.has(id)) {
      if (!isFinal(s)) pendingDraws++;
      else {
        sampled++;
        if (isForward(s)) sampledRelevant++;
      }
    } else if (s) {
      screenedBefore++;
      if (isForward(s)) relevantBefore++;
      else if (!isFinal(s)) unsettledBefore++;
    }
  }
  const test = recallTest({ urn: eligible.length - screenedBefore, sampled, sampledRelevant, relevantBefore }, target, confidence);
  return { stage, target, confidence, records: eligible.length, screenedBefore, pendingDraws, unsettledBefore, sampleOpen: !!sample, ...test };
}
