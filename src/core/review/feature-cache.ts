import type { Db } from '../store/db.js';
import { features, recordText, type SparseVector } from './prioritise.js';

/** The title-abstract features of every record in the project, and where each record's vector is. */
export interface ProjectFeatures {
  ids: number[];
  index: Map<number, number>;
  vectors: SparseVector[];
  dimensions: number;
}

/** The TF-IDF features of every record's title, abstract and keywords (duplicates too: they share the vocabulary). */
export function titleAbstractFeatures(db: Db): ProjectFeatures {
  const rows = db.sql.prepare('SELECT id, title, abstract, keywords FROM records ORDER BY id').all() as { id: number; title: string; abstract: string | null; keywords: string }[];
  const { vectors, dimensions } = features(rows.map((r) => recordText(r.title, r.abstract, JSON.parse(r.keywords) as string[])));
  const ids = rows.map((r) => r.id);
  return { ids, index: new Map(ids.map((id, i) => [id, i])), vectors, dimensions };
}
