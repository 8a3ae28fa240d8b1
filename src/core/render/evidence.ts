import { listDocuments } from '../documents/read.js';
import { resolveCodes } from '../query/codes.js';
import { codesFor } from '../query/tables.js';
import type { Db } from '../store/db.js';
import { evidenceQuotes, evidenceScope, type EvidenceOptions } from './evidence-scope.js';
import { inTextCiter } from './in-text.js';

export interface EvidenceRow {
  code: string;
  source: string;
  year: number | null;
  type: string;
  codes: string[];
  excerpt: string;
  /** APA author–date with page or paragraph: `(Smith & Doe, 2020, p. 4)`. */
  citation: string;
}

/**
 * The evidence table: per code (with its sub-codes), its best quotes (as a report picks them) with
 * source, year, type, every code the excerpt carries, and its author–date citation.
 */
export function evidenceTable(db: Db, options: { codes?: string; perCode?: number } & EvidenceOptions = {}): EvidenceRow[] {
  const rows: EvidenceRow[] = [];
  const scope = evidenceScope(db, options);
  const docInfo = db.sql.prepare("SELECT d.title, d.year, (SELECT value FROM document_attributes a WHERE a.document_id = d.id AND a.key = 'type') AS type FROM documents d WHERE d.id = ?");
  const codesOf = db.sql.prepare('SELECT DISTINCT code_id FROM live_codings WHERE segment_id = ? ORDER BY code_id').pluck();
  const cite = inTextCiter(listDocuments(db));
  for (const code of codesFor(db, options.codes)) {
    for (const q of evidenceQuotes(db, resolveCodes(db, code), options.perCode ?? 3, scope, cite)) {
      const d = docInfo.get(q.documentId) as { title: string; year: number | null; type: string | null };
      rows.push({ code, source: d.title, year: d.year, type: d.type ?? '', codes: codesOf.all(q.segmentId) as string[], excerpt: q.text, citation: q.citation });
    }
  }
  return rows;
}
