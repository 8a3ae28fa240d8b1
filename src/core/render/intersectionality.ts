import { ALL_EVIDENCE, type EvidenceScope } from './evidence-scope.js';
import { CITED_PARA, citeRow, type CitationColumns } from '../documents/citation.js';
import type { Db } from '../store/db.js';
import { locatorOf, type Citer } from './in-text.js';
import type { ReportCode } from './model.js';
import { quoteSpan } from './quotes.js';

/** One cell of race × a dimension: the excerpts coded with both, and the one to quote. */
export interface CrossCell {
  anchor: string;
  anchorLabel: string;
  excerpts: number;
  documents: number;
  /** citation: author–date with its parentheses; source: the document by title. */
  quote: { text: string; citation: string; source: string; documentId: number } | null;
}

/** Race and racism codes crossed with each dimension of intersectionality (gender, nationality, …). */
export interface Intersectionality {
  anchors: { id: string; label: string }[];
  dimensions: { id: string; label: string; cells: CrossCell[]; /** Labels of the anchors no excerpt codes with this dimension. */ empty: string[] }[];
  /** How a cell is counted, for the report to say. */
  rule: string;
}

// The review's anchor codes, crossed with the children of `intersectionality`.
const ANCHORS = ['race', 'racism'];

interface PairRow extends CitationColumns {
  segment_id: number;
  document_id: number;
  text: string;
  start: number;
  end: number;
  seg_start: number;
}

/** The sentence(s) of a segment that hold the dimension's coded span, as report quotes are cut. */
function quoteOf(r: PairRow): string {
  const [s, e] = quoteSpan(r.text, Math.max(0, r.start - r.seg_start), Math.max(0, r.end - r.seg_start));
  return r.text.slice(s, e).replace(/\s+/g, ' ').trim();
}

/**
 * Race × each intersectionality dimension: the co-occurrence counts of `table cooccurrence`
 * (excerpts = segments coded with both, in the same segment), the documents they come from and,
 * for each non-empty cell, the sentence that holds the dimension's coded words in the strongest
 * excerpt (a person's coding before rule matches, more matches first), cited by `cite`. Null
 * when the framework has no such codes.
 */
export function intersectionalityTables(db: Db, byId: Record<string, ReportCode>, cite: Citer, scope: EvidenceScope = ALL_EVIDENCE): Intersectionality | null {
  const dims = byId.intersectionality?.children ?? [];
  const anchors = Object.values(byId).filter((c) => ANCHORS.some((a) => c.id === a || c.id.startsWith(`${a}.`)));
  if (!dims.length || !anchors.length) return null;
  const pairs = db.sql.prepare(
    `SELECT s.id AS segment_id, s.document_id, s.page, ${CITED_PARA}, s.text, s.start AS seg_start, b.start, b.end, d.title, d.year, d.format, d.page_count
     FROM live_codings a JOIN live_codings b ON b.segment_id = a.segment_id JOIN segments s ON s.id = a.segment_id JOIN documents d ON d.id = s.document_id
     WHERE a.code_id = ? AND b.code_id = ? AND ${scope.sql}
     GROUP BY s.id
     ORDER BY max(b.coder NOT IN ('auto', 'suggest')) DESC, max(coalesce(json_extract(b.evidence, '$.matches'), 1)) DESC, s.id`,
  );
  return {
    anchors: anchors.map((a) => ({ id: a.id, label: a.label })),
    dimensions: dims.map((dim) => {
      const cells = anchors.map((a): CrossCell => {
        // One row per segment coded with both: the count of `table cooccurrence`, in the report's scope.
        const rows = pairs.all(a.id, dim.id, ...scope.params) as PairRow[];
        const excerpts = rows.length;
        const best = rows[0];
        return {
          anchor: a.id,
          anchorLabel: a.label,
          excerpts,
          documents: new Set(rows.map((r) => r.document_id)).size,
          quote: best ? { text: quoteOf(best), citation: cite(best.document_id, locatorOf(best)), source: citeRow(best), documentId: best.document_id } : null,
        };
      });
      return { id: dim.id, label: dim.label, cells, empty: cells.filter((c) => !c.excerpts).map((c) => c.anchorLabel) };
    }),
    rule: 'excerpts coded with both codes in the same segment (as `litkit table cooccurrence`), and the documents they come from',
  };
}
