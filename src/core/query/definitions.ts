import { UsageError } from '../../errors.js';
import { CITED_PARA, citeRow, type CitationColumns } from '../documents/citation.js';
import { ftsString } from '../search/fts.js';
import type { Db } from '../store/db.js';

export interface Definition {
  term: string;
  pattern: string;
  definition: string;
  documentId: number;
  segmentId: number;
  page: number;
  citation: string;
}

interface Row extends CitationColumns {
  id: number;
  document_id: number;
  text: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The ways sources define a term, most explicit first; `{T}` stands for the term. */
const PATTERNS: [name: string, source: string][] = [
  ['is defined as', String.raw`{T}["”’]?(?:\s*\([^)]{1,60}\))?(?:,[^.;]{1,100},)?\s+(?:is|are|shall be|will be)\s+(?:defined|understood|taken)\s+(?:as|to mean)\b`],
  ['refers to', String.raw`{T}["”’]?(?:\s*\([^)]{1,60}\))?(?:,[^.;]{1,100},)?\s+(?:refers?|referring)\s+to\b`],
  ['means', String.raw`{T}["”’]?(?:\s*\([^)]{1,60}\))?(?:,[^.;]{1,100},)?\s+(?:means|mean)\b`],
  ['for the purposes of', String.raw`for the purposes? of\b[^.]{0,120}?["“‘]?{T}["”’]?\s+(?:means|refers to|is)\b`],
  ['glossary entry', String.raw`^\s*["“‘*]?{T}["”’*]?\s*(?::|–|—|-)\s+\S`],
  ['is a', String.raw`^\s*{T}\s+(?:is|are)\s+(?:a|an|the)\s+`],
];

/** The sentence of `text` around offset `at`. */
function sentenceAround(text: string, at: number): string {
  const startMatch = [...text.matchAll(/[.!?]["”’)]?\s+(?=["“‘(]?[A-Z])/g)].filter((m) => m.index + m[0].length <= at).at(-1);
  const start = startMatch ? startMatch.index + startMatch[0].length : 0;
  const endMatch = /[.!?]["”’)]?(?=\s+["“‘(]?[A-Z]|\s*$)/.exec(text.slice(at));
  const end = endMatch ? at + endMatch.index + endMatch[0].length : text.length;
  return text.slice(start, end).replace(/\s+/g, ' ').trim();
}

/**
 * Definitional statements of each term across the corpus ("X is defined as", "X refers to",
 * "X means", "for the purposes of … X means", glossary entries), with source and page: the
 * mapping of definitions across sources that a review or data-standards assessment asks for.
 */
export function findDefinitions(db: Db, terms: string[]): Definition[] {
  if (!terms.length) throw new UsageError('E_USAGE', 'name at least one term to find definitions of');
  const out: Definition[] = [];
  const select = db.sql.prepare(
    `SELECT s.id, s.document_id, s.page, ${CITED_PARA}, s.text, d.title, d.year, d.format, d.page_count
     FROM segments s JOIN documents d ON d.id = s.document_id
     WHERE s.id IN (SELECT rowid FROM segments_fts WHERE segments_fts MATCH ?) ORDER BY s.id`,
  );
  for (const term of terms) {
    const words = term.trim().split(/\s+/);
    const t = words.map(escape).join(String.raw`[\s-]+`);
    const patterns = PATTERNS.map(([name, src]) => ({ name, re: new RegExp(src.replaceAll('{T}', `(?:${t})`), 'gim') }));
    const rows = select.all(ftsString(words.join(' '))) as Row[];
    for (const r of rows) {
      for (const p of patterns) {
        p.re.lastIndex = 0;
        const m = p.re.exec(r.text);
        if (!m) continue;
        out.push({
          term,
          pattern: p.name,
          definition: sentenceAround(r.text, m.index),
          documentId: r.document_id,
          segmentId: r.id,
          page: r.page,
          citation: citeRow(r),
        });
        break;
      }
    }
  }
  return out;
}
