import { audit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { similarTitlePairs } from './similar-titles.js';
import { normaliseTitle } from './types.js';

interface Rec {
  id: number;
  title: string;
  year: number | null;
  doi: string | null;
  pmid: string | null;
  authors: string;
  abstract: string | null;
  journal: string | null;
}

export interface DuplicateGroup {
  kept: number;
  duplicates: { id: number; reason: string }[];
  title: string;
}

export interface DedupeReport {
  records: number;
  groups: DuplicateGroup[];
  duplicates: number;
  dryRun: boolean;
}

const firstAuthor = (authors: string) => {
  const first = (JSON.parse(authors) as string[])[0] ?? '';
  return first.split(/[,\s]+/)[0]!.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '');
};

/** A record's completeness, to choose which of a group to keep. */
const completeness = (r: Rec) => (r.abstract ? 4 : 0) + (r.doi ? 2 : 0) + (r.journal ? 1 : 0) + (r.year ? 1 : 0) + (JSON.parse(r.authors).length ? 1 : 0);


/**
 * Finds duplicate groups among all imported records: the same DOI or PMID; the same normalised
 * title, year and first author; or titles at least 90% alike (trigram Dice) within a year of each
 * other, compared only when they share a rare trigram, so 100,000 records take seconds. Each group
 * keeps its most complete record. Runs from scratch each time, so it is
 * reversible (`undoDedupe`) and idempotent; with dryRun nothing is written.
 */
export function dedupe(db: Db, options: { dryRun?: boolean } = {}): DedupeReport {
  const recs = db.sql.prepare('SELECT id, title, year, doi, pmid, authors, abstract, journal FROM records ORDER BY id').all() as Rec[];
  const parent = new Map<number, number>(recs.map((r) => [r.id, r.id]));
  const reason = new Map<number, string>();
  const find = (x: number): number => (parent.get(x) === x ? x : (parent.set(x, find(parent.get(x)!)), parent.get(x)!));
  const union = (a: number, b: number, why: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb) return;
    parent.set(Math.max(ra, rb), Math.min(ra, rb));
    if (!reason.has(b)) reason.set(b, why);
  };
  const byKey = (key: (r: Rec) => string | null, why: string) => {
    const seen = new Map<string, number>();
    for (const r of recs) {
      const k = key(r);
      if (!k) continue;
      if (seen.has(k)) union(seen.get(k)!, r.id, why);
      else seen.set(k, r.id);
    }
  };
  byKey((r) => r.doi, 'same DOI');
  byKey((r) => r.pmid, 'same PMID');
  byKey((r) => (normaliseTitle(r.title).length > 10 ? `${normaliseTitle(r.title)}|${r.year ?? ''}|${firstAuthor(r.authors)}` : null), 'same title, year and first author');
  // Fuzzy titles: only pairs that share a rare trigram are compared (similarTitlePairs).
  const titles = recs.map((r) => normaliseTitle(r.title));
  similarTitlePairs(titles, recs.map((r) => r.year), (i, j, sim) => union(recs[i]!.id, recs[j]!.id, `similar title (${(100 * sim).toFixed(0)}%)`));
  const groups = new Map<number, Rec[]>();
  for (const r of recs) {
    const root = find(r.id);
    const g = groups.get(root);
    if (g) g.push(r);
    else groups.set(root, [r]);
  }
  const report: DedupeReport = { records: recs.length, groups: [], duplicates: 0, dryRun: !!options.dryRun };
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const kept = [...members].sort((a, b) => completeness(b) - completeness(a) || a.id - b.id)[0]!;
    const duplicates = members.filter((m) => m !== kept).map((m) => ({ id: m.id, reason: reason.get(m.id) ?? reason.get(kept.id) ?? 'same record' }));
    report.groups.push({ kept: kept.id, duplicates, title: kept.title });
    report.duplicates += duplicates.length;
  }
  if (!options.dryRun) {
    db.transaction(() => {
      db.sql.prepare('UPDATE records SET duplicate_of = NULL, duplicate_reason = NULL').run();
      const mark = db.sql.prepare('UPDATE records SET duplicate_of = ?, duplicate_reason = ? WHERE id = ?');
      for (const g of report.groups) for (const d of g.duplicates) mark.run(g.kept, d.reason, d.id);
      audit(db, 'litkit', 'records.dedupe', undefined, { groups: report.groups.length, duplicates: report.duplicates });
    });
  }
  return report;
}

/** Clears every duplicate mark: the records are all counted again. */
export function undoDedupe(db: Db): number {
  return db.transaction(() => {
    const n = db.sql.prepare('UPDATE records SET duplicate_of = NULL, duplicate_reason = NULL WHERE duplicate_of IS NOT NULL').run().changes;
    audit(db, 'litkit', 'records.dedupe.undo', undefined, { cleared: n });
    return n;
  });
}
