import type { Db } from '../store/db.js';
import { REDACTION_KINDS, type RedactionKind } from './detect.js';

/** A document's redaction report: what was masked, by kind, never the values. */
export interface RedactionReport {
  documentId: number;
  counts: Record<RedactionKind, number>;
  at: string;
}

/** Adds a document's masks to its stored report (a second `redact` adds to the first). */
export function saveRedactions(db: Db, documentId: number, counts: Record<string, number>): void {
  const upsert = db.sql.prepare(
    `INSERT INTO redactions (document_id, kind, count, at) VALUES (?, ?, ?, ?)
     ON CONFLICT (document_id, kind) DO UPDATE SET count = count + excluded.count, at = excluded.at`,
  );
  const at = new Date().toISOString();
  for (const kind of REDACTION_KINDS) upsert.run(documentId, kind, counts[kind] ?? 0, at);
}

/** The stored redaction reports of `ids` (all redacted documents when none are given). */
export function redactionReports(db: Db, ids?: number[]): RedactionReport[] {
  const rows = db.sql.prepare('SELECT document_id, kind, count, at FROM redactions ORDER BY document_id').all() as { document_id: number; kind: RedactionKind; count: number; at: string }[];
  const out = new Map<number, RedactionReport>();
  for (const r of rows) {
    if (ids && !ids.includes(r.document_id)) continue;
    const rep = out.get(r.document_id) ?? { documentId: r.document_id, counts: { EMAIL: 0, PHONE: 0, ID: 0, NAME: 0 }, at: r.at };
    rep.counts[r.kind] = r.count;
    if (r.at > rep.at) rep.at = r.at;
    out.set(r.document_id, rep);
  }
  return [...out.values()];
}

/** The highest document id ever given (ids are never reused), so a run can tell its own documents. */
export function lastDocumentId(db: Db): number {
  return (db.sql.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'documents'").pluck().get() as number | undefined) ?? 0;
}
