import { createHash } from 'node:crypto';
import type { Db } from '../store/db.js';

/** Every record's score from the model trained on one set of decisions, over one feature set. */
export interface StoredScores {
  ids: Int32Array;
  scores: Float64Array;
}

/** The model's dual variables by record id (not by index: indexes belong to one feature set). */
export type StoredDuals = Map<number, { label: boolean; value: number }>;

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

/** The duals stored over the project's current feature set, whatever decisions they were for. */
export function readDuals(db: Db): StoredDuals | undefined {
  const blob = db.sql
    .prepare('SELECT s.duals FROM screening_scores s JOIN screening_feature_sets f ON f.name = s.name AND f.built_at = s.built_at WHERE s.name = ?')
    .pluck()
    .get(NAME) as Buffer | undefined;
  if (!blob) return undefined;
  const v = new Float64Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
  const duals: StoredDuals = new Map();
  for (let k = 0; k < v.length; k += 3) duals.set(v[k]!, { label: v[k + 1] === 1, value: v[k + 2]! });
  return duals;
}

/** Keeps the scores and duals of the model trained on these decisions, replacing the last ones. */
export function storeScores(db: Db, builtAt: string, key: string, value: StoredScores, duals: StoredDuals): void {
  const bytes = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const triples = Float64Array.from([...duals].flatMap(([id, a]) => [id, a.label ? 1 : 0, a.value]));
  db.sql
    .prepare('INSERT OR REPLACE INTO screening_scores (name, built_at, decisions, record_ids, scores, duals) VALUES (?, ?, ?, ?, ?, ?)')
    .run(NAME, builtAt, key, bytes(value.ids), bytes(value.scores), bytes(triples));
}
