import type { Db } from '../store/db.js';
import { features, recordText, type RelevanceModel, type SparseVector } from './prioritise.js';

/**
 * CHUNK records' vectors end to end, as stored: record k's terms and weights are
 * terms[offsets[k]..offsets[k + 1]) and weights[…]. Kept this way in memory too: a vector object
 * per record cost 50,000 allocations and a garbage collection per `screen next` at 50,000 records.
 */
export interface FeatureChunk {
  offsets: Int32Array;
  terms: Int32Array;
  weights: Float32Array;
}

/** The title-abstract features of every record in the project, and where each record's vector is. */
export interface ProjectFeatures {
  ids: number[];
  index: Map<number, number>;
  chunks: FeatureChunk[];
  /** Record i's vector (i an index into ids): a view into its chunk. */
  vector(i: number): SparseVector;
  /** Every record's vector, made on first use (tests and tools; ranking reads the chunks). */
  readonly vectors: SparseVector[];
  dimensions: number;
  /** Whether they were read from the project (true) or built in this call. */
  cached: boolean;
  /** When the set was built: what results computed over it (stored scores) are checked against. */
  builtAt: string;
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
  const value = meta ? load(db, meta.dimensions, meta.built_at) : build(db);
  memo.set(db, { builtAt: value.builtAt, value });
  return value;
}

// A typed array needs its start aligned to its element size; a Buffer from SQLite usually is (its
// own allocation), else it is copied out once.
const aligned = (b: Buffer): [ArrayBufferLike, number, number] => (b.byteOffset % 4 === 0 ? [b.buffer, b.byteOffset, b.byteLength / 4] : [b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength), 0, b.byteLength / 4]);

function load(db: Db, dimensions: number, builtAt: string): ProjectFeatures {
  const ids: number[] = [];
  const chunks: FeatureChunk[] = [];
  for (const row of db.sql.prepare('SELECT record_ids, offsets, terms, weights FROM screening_features ORDER BY chunk').iterate() as IterableIterator<ChunkRow>) {
    for (const id of new Int32Array(...aligned(row.record_ids))) ids.push(id);
    chunks.push({ offsets: new Int32Array(...aligned(row.offsets)), terms: new Int32Array(...aligned(row.terms)), weights: new Float32Array(...aligned(row.weights)) });
  }
  return projectFeatures(ids, chunks, dimensions, builtAt);
}

function projectFeatures(ids: number[], chunks: FeatureChunk[], dimensions: number, builtAt: string, cached = true): ProjectFeatures {
  const vector = (i: number): SparseVector => {
    const c = chunks[Math.floor(i / CHUNK)]!;
    const k = i % CHUNK;
    return { idx: c.terms.subarray(c.offsets[k]!, c.offsets[k + 1]!), val: c.weights.subarray(c.offsets[k]!, c.offsets[k + 1]!) };
  };
  let vectors: SparseVector[] | undefined;
  return {
    ids,
    index: new Map(ids.map((id, i) => [id, i])),
    chunks,
    vector,
    get vectors() {
      return (vectors ??= ids.map((_, i) => vector(i)));
    },
    dimensions,
    cached,
    builtAt,
  };
}

/** Record i's score from a trained model, read from its chunk. */
export function chunkScore(f: ProjectFeatures, model: RelevanceModel): (i: number) => number {
  return (i) => {
    const c = f.chunks[Math.floor(i / CHUNK)]!;
    const k = i % CHUNK;
    return model.scoreSlice(c.terms, c.weights, c.offsets[k]!, c.offsets[k + 1]!);
  };
}

function build(db: Db): ProjectFeatures {
  const rows = db.sql.prepare('SELECT id, title, abstract, keywords FROM records ORDER BY id').all() as { id: number; title: string; abstract: string | null; keywords: string }[];
  const built = features(rows.map((r) => recordText(r.title, r.abstract, JSON.parse(r.keywords) as string[])));
  const ids = rows.map((r) => r.id);
  const chunks: FeatureChunk[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) {
    const part = built.vectors.slice(start, start + CHUNK);
    const offsets = new Int32Array(part.length + 1);
    part.forEach((v, k) => (offsets[k + 1] = offsets[k]! + v.idx.length));
    const terms = new Int32Array(offsets[part.length]!);
    const weights = new Float32Array(offsets[part.length]!);
    part.forEach((v, k) => (terms.set(v.idx, offsets[k]!), weights.set(v.val, offsets[k]!)));
    chunks.push({ offsets, terms, weights });
  }
  const bytes = (a: Int32Array | Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const builtAt = new Date().toISOString();
  db.transaction(() => {
    db.sql.prepare('DELETE FROM screening_features').run();
    const insert = db.sql.prepare('INSERT INTO screening_features (chunk, record_ids, offsets, terms, weights) VALUES (?, ?, ?, ?, ?)');
    chunks.forEach((c, n) => insert.run(n, bytes(Int32Array.from(ids.slice(n * CHUNK, (n + 1) * CHUNK))), bytes(c.offsets), bytes(c.terms), bytes(c.weights)));
    db.sql.prepare('INSERT OR REPLACE INTO screening_feature_sets (name, records, dimensions, built_at) VALUES (?, ?, ?, ?)').run(NAME, ids.length, built.dimensions, builtAt);
  });
  return projectFeatures(ids, chunks, built.dimensions, builtAt, false);
}
