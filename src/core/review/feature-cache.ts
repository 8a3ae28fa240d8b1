import type { Db } from '../store/db.js';
import { features, recordText, type SparseVector } from './prioritise.js';

/** The title-abstract features of every record in the project, and where each record's vector is. */
export interface ProjectFeatures {
  ids: number[];
  index: Map<number, number>;
  vectors: SparseVector[];
  dimensions: number;
  /** Whether they were read from the project (true) or built in this call. */
  cached: boolean;
}

interface ChunkRow {
  record_ids: Buffer;
  offsets: Buffer;
  terms: Buffer;
  weights: Buffer;
}

// `screen review` asks after every decision on one open project: the set read last is kept while the project's stays the same.
const memo = new WeakMap<Db, { builtAt: string; value: ProjectFeatures }>();

const NAME = 'title-abstract';
const CHUNK = 4096;

/**
 * The TF-IDF features of every record's title, abstract and keywords (duplicates too: they share
 * the vocabulary), read from the project when they are there; otherwise built and stored. Triggers
 * of migration 009 drop the stored set whenever a record is added, removed or retitled, so a
 * stored set always matches the records. Weights are kept as 32-bit floats, built or read alike,
 * so a ranking does not depend on whether the features were cached.
 */
export function titleAbstractFeatures(db: Db): ProjectFeatures {
  const meta = db.sql.prepare('SELECT records, dimensions, built_at FROM screening_feature_sets WHERE name = ?').get(NAME) as { records: number; dimensions: number; built_at: string } | undefined;
  const kept = memo.get(db);
  if (meta && kept?.builtAt === meta.built_at) return kept.value;
  const value = meta ? load(db, meta.dimensions) : build(db);
  const builtAt = meta?.built_at ?? (db.sql.prepare('SELECT built_at FROM screening_feature_sets WHERE name = ?').pluck().get(NAME) as string);
  memo.set(db, { builtAt, value });
  return value;
}

// A typed array needs its start aligned to its element size; a Buffer from SQLite usually is (its
// own allocation), else it is copied out once.
const aligned = (b: Buffer): [ArrayBufferLike, number, number] => (b.byteOffset % 4 === 0 ? [b.buffer, b.byteOffset, b.byteLength / 4] : [b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength), 0, b.byteLength / 4]);

function load(db: Db, dimensions: number): ProjectFeatures {
  const ids: number[] = [];
  const vectors: SparseVector[] = [];
  for (const row of db.sql.prepare('SELECT record_ids, offsets, terms, weights FROM screening_features ORDER BY chunk').iterate() as IterableIterator<ChunkRow>) {
    const [recordIds, offsets, terms, weights] = [new Int32Array(...aligned(row.record_ids)), new Int32Array(...aligned(row.offsets)), new Int32Array(...aligned(row.terms)), new Float32Array(...aligned(row.weights))];
    recordIds.forEach((id, k) => {
      ids.push(id);
      vectors.push({ idx: terms.subarray(offsets[k]!, offsets[k + 1]!), val: weights.subarray(offsets[k]!, offsets[k + 1]!) });
    });
  }
  return { ids, index: new Map(ids.map((id, i) => [id, i])), vectors, dimensions, cached: true };
}

function build(db: Db): ProjectFeatures {
  const rows = db.sql.prepare('SELECT id, title, abstract, keywords FROM records ORDER BY id').all() as { id: number; title: string; abstract: string | null; keywords: string }[];
  const built = features(rows.map((r) => recordText(r.title, r.abstract, JSON.parse(r.keywords) as string[])));
  const vectors = built.vectors.map((v) => ({ idx: v.idx, val: Float32Array.from(v.val) }));
  const ids = rows.map((r) => r.id);
  const bytes = (a: Int32Array | Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  db.transaction(() => {
    db.sql.prepare('DELETE FROM screening_features').run();
    const insert = db.sql.prepare('INSERT INTO screening_features (chunk, record_ids, offsets, terms, weights) VALUES (?, ?, ?, ?, ?)');
    for (let start = 0; start < ids.length; start += CHUNK) {
      const part = vectors.slice(start, start + CHUNK);
      const offsets = new Int32Array(part.length + 1);
      part.forEach((v, k) => (offsets[k + 1] = offsets[k]! + v.idx.length));
      const terms = new Int32Array(offsets[part.length]!);
      const weights = new Float32Array(offsets[part.length]!);
      part.forEach((v, k) => (terms.set(v.idx, offsets[k]!), weights.set(v.val, offsets[k]!)));
      insert.run(start / CHUNK, bytes(Int32Array.from(ids.slice(start, start + CHUNK))), bytes(offsets), bytes(terms), bytes(weights));
    }
    db.sql.prepare('INSERT OR REPLACE INTO screening_feature_sets (name, records, dimensions, built_at) VALUES (?, ?, ?, ?)').run(NAME, ids.length, built.dimensions, new Date().toISOString());
  });
  return { ids, index: new Map(ids.map((id, i) => [id, i])), vectors, dimensions: built.dimensions, cached: false };
}

