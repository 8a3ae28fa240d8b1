import { DEFAULT_QUOTE_KINDS } from '../documents/kinds.js';
import { CITED_PARA, citeRow, type CitationColumns } from '../documents/citation.js';
import { locatorOf, type Citer } from './in-text.js';
import { wherePredicate } from '../query/index.js';
import type { Db } from '../store/db.js';
import { pickQuotes, type QuoteCandidate } from './quotes.js';

/** Which evidence a report draws on. */
export interface EvidenceOptions {
  /** Only segments this query selects (the query language: `NOT doc.type in (tor, vacancy)`). */
  where?: string;
  /** Also draw on documents marked as the review's own terms of reference (`role=tor`). */
  includeTor?: boolean;
  /** The document read as the terms of reference (`report --tor`): never evidence either. */
  tor?: number;
}

/** The counting rule every count of a report follows; templates print it. */
export const COUNTING_RULE =
  'An excerpt is a segment that carries at least one coding of the code or of one of its sub-codes that nobody has rejected (made by a person, accepted in review, or auto-coded and not yet reviewed); a document counts when it has at least one such excerpt. Documents marked as the review\'s own terms of reference are left out.';

/** A restriction of evidence as SQL over documents `d` and segments `s`, with its parameters. */
export interface EvidenceScope {
  sql: string;
  params: unknown[];
}

/** No restriction. */
export const ALL_EVIDENCE: EvidenceScope = { sql: '1', params: [] };

/** The evidence restriction of a report or table: the ToR left out, the --where query. */
export function evidenceScope(db: Db, options: EvidenceOptions = {}): EvidenceScope {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (!options.includeTor) {
    parts.push("d.id NOT IN (SELECT document_id FROM document_attributes WHERE key = 'role' AND value = 'tor')");
    if (options.tor !== undefined) {
      parts.push('d.id <> ?');
      params.push(options.tor);
    }
  }
  if (options.where) {
    const p = wherePredicate(db, options.where);
    parts.push(`(${p.sql})`);
    params.push(...p.params);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

/** Excerpts and documents of a code family under the counting rule. */
export function evidenceCount(db: Db, family: string[], scope: EvidenceScope): { excerpts: number; documents: number } {
  const row = db.sql
    .prepare(
      `SELECT count(DISTINCT k.segment_id) AS excerpts, count(DISTINCT k.document_id) AS documents
       FROM live_codings k JOIN segments s ON s.id = k.segment_id JOIN documents d ON d.id = k.document_id
       WHERE k.code_id IN (SELECT value FROM json_each(?)) AND ${scope.sql}`,
    )
    .get(JSON.stringify(family), ...scope.params) as { excerpts: number; documents: number };
  return row;
}

/** Excerpts of a code family per value of a document attribute (`(none)` where it is unset), under the counting rule. */
export function evidenceByAttribute(db: Db, family: string[], key: string, scope: EvidenceScope): Map<string, number> {
  const rows = db.sql
    .prepare(
      `SELECT coalesce(a.value, '(none)') AS v, count(DISTINCT k.segment_id) AS n
       FROM live_codings k JOIN segments s ON s.id = k.segment_id JOIN documents d ON d.id = k.document_id
       LEFT JOIN document_attributes a ON a.document_id = d.id AND a.key = ?
       WHERE k.code_id IN (SELECT value FROM json_each(?)) AND ${scope.sql} GROUP BY 1`,
    )
    .all(key, JSON.stringify(family), ...scope.params) as { v: string; n: number }[];
  return new Map(rows.map((r) => [r.v, r.n]));
}

interface CandidateRow extends CitationColumns {
  segment_id: number;
  document_id: number;
  seg_start: number;
  text: string;
  start: number;
  end: number;
  coder: string;
  status: string | null;
  score: number | null;
  evidence: string | null;
  doc_type: string | null;
}

/** A report quote: the sentence that carries the evidence, with its citations. */
export interface EvidenceQuote {
  segmentId: number;
  documentId: number;
  page: number;
  text: string;
  /** APA author–date: `(Smith & Doe, 2020, p. 4)`, `(UN Today, 2024, para. 3)`. */
  citation: string;
  /** The document named by title: `Title (2020), p. 4`. */
  source: string;
  coders: string[];
  /** Where the quote sits in the page text, so it can be found again. */
  start: number;
  end: number;
}

/**
 * The best quotes of a code family: from body text and list items only (never headings, source
 * lines or boilerplate), in the evidence scope, chosen and cut by `pickQuotes`.
 */
export function evidenceQuotes(db: Db, family: string[], n: number, scope: EvidenceScope, cite: Citer): EvidenceQuote[] {
  if (n <= 0) return [];
  const rows = db.sql
    .prepare(
      `SELECT k.segment_id, k.document_id, k.start, k.end, k.coder, k.status, k.score, k.evidence,
         s.start AS seg_start, s.text, s.page, s.para, d.title, d.year, d.format, d.page_count,
         (SELECT value FROM document_attributes WHERE document_id = d.id AND key = 'type') AS doc_type
       FROM live_codings k JOIN segments s ON s.id = k.segment_id JOIN documents d ON d.id = k.document_id
       WHERE k.code_id IN (SELECT value FROM json_each(?))
         AND s.kind IN (SELECT value FROM json_each(?)) AND ${scope.sql}`,
    )
    .all(JSON.stringify(family), JSON.stringify(DEFAULT_QUOTE_KINDS), ...scope.params) as CandidateRow[];
  const coders = new Map<number, Set<string>>();
  for (const r of rows) (coders.get(r.segment_id) ?? coders.set(r.segment_id, new Set()).get(r.segment_id)!).add(r.coder);
  const candidates: QuoteCandidate[] = rows.map((r) => {
    const person = r.coder !== 'auto' && r.coder !== 'suggest';
    const hit = r.evidence ? (JSON.parse(r.evidence) as { hits?: { start: number; end: number }[] }).hits?.[0] : undefined;
    return {
      segmentId: r.segment_id,
      documentId: r.document_id,
      segmentText: r.text,
      segmentStart: r.seg_start,
      start: r.start,
      end: r.end,
      ...(hit ? { evidence: { start: hit.start, end: hit.end } } : {}),
      tier: person || r.status === 'accepted' ? 0 : 1,
      confidence: person || r.status === 'accepted' ? 1 : (r.score ?? 0.5),
      docType: r.doc_type ?? '',
      coders: [...coders.get(r.segment_id)!],
      extra: r,
    };
  });
  // The cited paragraph of a heading or table row looks at its neighbours: done for the picks only.
  const citedPara = db.sql.prepare(`SELECT ${CITED_PARA} FROM segments s WHERE s.id = ?`).pluck();
  return pickQuotes(candidates, n).map((q) => {
    const r = { ...(q.candidate.extra as CandidateRow) };
    r.para = citedPara.get(r.segment_id) as number | null;
    return { segmentId: r.segment_id, documentId: r.document_id, page: r.page, text: q.text, citation: cite(r.document_id, locatorOf(r)), source: citeRow(r), coders: q.candidate.coders, start: q.start, end: q.end };
  });
}
