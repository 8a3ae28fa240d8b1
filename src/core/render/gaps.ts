import { ALL_EVIDENCE, type EvidenceScope } from './evidence-scope.js';
import { resolveCodes } from '../query/codes.js';
import type { Db } from '../store/db.js';
import type { ReportCode } from './model.js';

/** How much evidence a code has, by the gap rule, in words a Gaps cell can hold. */
export interface Gap {
  level: 'none' | 'thin' | 'one-sided' | 'covered';
  text: string;
}

/** Fewer excerpts than this, or a single document, is thin evidence. */
const THIN_EXCERPTS = 3;

/** The rule, as the report states it. */
export const GAP_RULE = `no excerpt: no evidence in the sources reviewed; fewer than ${THIN_EXCERPTS} excerpts or a single document: thin evidence; all evidence from one type of document while the project holds several: one-sided evidence`;

const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;

/**
 * The gap of every code (with its sub-codes) by GAP_RULE, from the counts the report shows
 * (excerpts and documents of the code's family) and the document types its evidence comes from.
 */
export function evidenceGaps(db: Db, byId: Record<string, ReportCode>, scope: EvidenceScope = ALL_EVIDENCE): Record<string, Gap> {
  const typeCount = db.sql.prepare("SELECT count(DISTINCT value) FROM document_attributes WHERE key = 'type'").pluck().get() as number;
  const typesOf = db.sql.prepare(
    `SELECT DISTINCT a.value FROM live_codings k JOIN document_attributes a ON a.document_id = k.document_id AND a.key = 'type'
       JOIN segments s ON s.id = k.segment_id JOIN documents d ON d.id = k.document_id
     WHERE k.code_id IN (SELECT value FROM json_each(?)) AND ${scope.sql} ORDER BY 1`,
  );
  const out: Record<string, Gap> = {};
  for (const c of Object.values(byId)) {
    if (c.excerpts === 0) out[c.id] = { level: 'none', text: 'No evidence in the sources reviewed' };
    else if (c.excerpts < THIN_EXCERPTS || c.documents === 1) out[c.id] = { level: 'thin', text: `Thin evidence: ${n(c.excerpts, 'excerpt', 'excerpts')} from ${n(c.documents, 'document', 'documents')}` };
    else {
      const types = typesOf.pluck().all(JSON.stringify(resolveCodes(db, c.id)), ...scope.params) as string[];
      out[c.id] =
        typeCount > 1 && types.length === 1
          ? { level: 'one-sided', text: `One-sided evidence: all ${c.excerpts} excerpts from ${types[0]} documents` }
          : { level: 'covered', text: `No gap by the rule: ${n(c.excerpts, 'excerpt', 'excerpts')} from ${n(c.documents, 'document', 'documents')}` };
    }
  }
  return out;
}

/** The document types (with how many documents) a code's evidence comes from: "policy (3), report (1)". */
export function evidenceTypes(db: Db, code: string, scope: EvidenceScope = ALL_EVIDENCE): string[] {
  const rows = db.sql
    .prepare(
      `SELECT coalesce(a.value, 'unspecified') AS type, count(DISTINCT k.document_id) AS n FROM live_codings k
       LEFT JOIN document_attributes a ON a.document_id = k.document_id AND a.key = 'type'
       JOIN segments s ON s.id = k.segment_id JOIN documents d ON d.id = k.document_id
       WHERE k.code_id IN (SELECT value FROM json_each(?)) AND ${scope.sql} GROUP BY 1 ORDER BY 2 DESC, 1`,
    )
    .all(JSON.stringify(resolveCodes(db, code)), ...scope.params) as { type: string; n: number }[];
  return rows.map((r) => `${r.type} (${r.n})`);
}
