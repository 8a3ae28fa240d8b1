/** What a citation needs to know about where an excerpt sits. */
export interface CitationPlace {
  title: string;
  year: number | null;
  format: string;
  pageCount: number;
  page: number;
  /** The paragraph a reader counts (see CITED_PARA), used where a format has no pages. */
  para?: number;
}

/** `Title (Year)`, or `Title (n.d.)`: how a document is named in citations and lists. */
export function citeDocument(d: { title: string; year: number | null }): string {
  return `${d.title} (${d.year ?? 'n.d.'})`;
}

/**
 * `Title (Year), p. N`. Formats without real pages (HTML, text, Markdown, single-page DOCX) are
 * cited by paragraph instead, as APA does for unpaginated sources: `Title (Year), para. N`.
 */
export function cite(p: CitationPlace): string {
  const head = citeDocument(p);
  const paged = p.format === 'pdf' || p.pageCount > 1;
  if (paged) return `${head}, p. ${p.page}`;
  return p.para ? `${head}, para. ${p.para}` : head;
}

/**
 * SQL for the paragraph number segment `s` is cited by, selected `AS para`. A segment a reader
 * does not count (a heading, a table row, a caption) is cited by the paragraph it introduces: the
 * next counted one on its page, else the last one before it. Segments of documents stored before
 * paragraphs were counted carry their old number (migration 006).
 */
export const CITED_PARA = `coalesce(s.para,
  (SELECT CASE WHEN n.page = s.page THEN n.para END FROM segments n
    WHERE n.document_id = s.document_id AND n.seq > s.seq AND n.para IS NOT NULL ORDER BY n.seq LIMIT 1),
  (SELECT CASE WHEN n.page = s.page THEN n.para END FROM segments n
    WHERE n.document_id = s.document_id AND n.seq < s.seq AND n.para IS NOT NULL ORDER BY n.seq DESC LIMIT 1)) AS para`;

/** The columns a query selects to cite a segment: documents d (title, year, format, page_count), segments s (page, and CITED_PARA). */
export interface CitationColumns {
  title: string;
  year: number | null;
  format: string;
  page_count: number;
  page: number;
  para: number | null;
}

/** `cite` for a row with the citation columns, as the queries of search, codings and reports return them. */
export function citeRow(r: CitationColumns): string {
  return cite({ title: r.title, year: r.year, format: r.format, pageCount: r.page_count, page: r.page, para: r.para ?? undefined });
}
