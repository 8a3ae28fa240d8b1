import { UsageError } from '../../errors.js';
import { CITED_PARA, citeRow, type CitationColumns } from '../documents/citation.js';
import type { Db } from '../store/db.js';
import { TermDefinitionFinder } from './definition-patterns.js';
import { termFtsQuery } from './term-match.js';

export interface Definition {
  term: string;
  /** The sense of defining: "defined as", "refers to", "means", "glossary entry", "is a" … */
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
  seq: number;
  text: string;
}

const SEGMENT_COLUMNS = `s.id, s.document_id, s.page, s.seq, ${CITED_PARA}, s.text, d.title, d.year, d.format, d.page_count`;

/**
 * Definitional statements of each term across the corpus, with source and page: the mapping of
 * definitions across sources that a review or data-standards assessment asks for. Variants of the
 * term (plural, hyphen, spelling) count; a longer term that contains it does not. A glossary
 * heading that is only the term is read with the paragraph after it.
 */
export function findDefinitions(db: Db, terms: string[]): Definition[] {
  const wanted = terms.map((t) => t.trim()).filter(Boolean);
  if (!wanted.length) throw new UsageError('E_USAGE', 'name at least one term to find definitions of');
  const select = db.sql.prepare(
    `SELECT ${SEGMENT_COLUMNS} FROM segments s JOIN documents d ON d.id = s.document_id
     WHERE s.id IN (SELECT rowid FROM segments_fts WHERE segments_fts MATCH ?) ORDER BY s.id`,
  );
  const following = db.sql.prepare(
    `SELECT ${SEGMENT_COLUMNS} FROM segments s JOIN documents d ON d.id = s.document_id WHERE s.document_id = ? AND s.seq > ? ORDER BY s.seq LIMIT 1`,
  );
  const out: Definition[] = [];
  for (const term of wanted) {
    const finder = new TermDefinitionFinder(term);
    for (const r of select.all(termFtsQuery(term)) as Row[]) {
      let row = r;
      let text = r.text;
      if (finder.isHeading(r.text)) {
        const next = following.get(r.document_id, r.seq) as Row | undefined;
        if (!next) continue;
        row = next;
        text = `${r.text.trim()}\n${next.text}`;
      }
      const found = finder.find(text);
      if (!found) continue;
      out.push({ term, pattern: found.pattern, definition: found.definition, documentId: row.document_id, segmentId: row.id, page: row.page, citation: citeRow(row) });
    }
  }
  return out;
}
