import { createHash } from 'node:crypto';
import type { Db } from '../store/db.js';

/** Every record's score from the model trained on one set of decisions, over one feature set. */
export interface StoredScores {
  ids: Int32Array;
  scores: Float64Array;
}

const NAME = 'title-abstract';

/** The digest of a set of decisions (record id -> include?), whatever order they come in. */
export function decisionsKey(labels: Map<number, boolean>): string {
  const entries = [...labels].sort((a, b) => a[0] - b[0]).map(([id, l]) => `${id}:${l ? 1 : 0}`);
  return createHash('sha256').update(entries.join(',')).digest('hex');
}

/** The scores stored for these decisions over the project's current feature set, if any. */
export function readScores(db: Db, key: string): StoredScores | undefined {
  const row = db.sql
    .prepare('SELECT s.record_ids, s.scores FROM screening_scores s JOIN screening_feature_sets f ON f.name = s.name AND f.built_at = s.built_at WHERE s.name = ? AND s.decisions = ?')
    .get(NAME, key) as { record_ids: Buffer; scores: Buffer } | undefined;
  if (!row) return undefined;
  // Copied out: a Float64Array needs its start aligned to 8 bytes, which a Buffer's may not be.
  const copy = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  return { ids: new Int32Array(copy(row.record_ids)), scores: new Float64Array(copy(row.scores)) };
}

/** Keeps the scores of the model trained on these decisions, replacing the last ones. */
export function storeScores(db: Db, builtAt: string, key: string, value: StoredScores): void {
  const bytes = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  db.sql.prepare('INSERT OR REPLACE INTO screening_scores (name, built_at, decisions, record_ids, scores) VALUES (?, ?, ?, ?, ?)').run(NAME, builtAt, key, bytes(value.ids), bytes(value.scores));
}
