/** What a citation needs to know about where an excerpt sits. */
export interface CitationPlace {
  title: string;
  year: number | null;
  format: string;
  pageCount: number;
  page: number;
  /** Paragraph number within the document, used where a format has no pages. */
  seq?: number;
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
  return p.seq ? `${head}, para. ${p.seq}` : head;
}

/** The columns a query selects to cite a segment: documents d (title, year, format, page_count), segments s (page, seq). */
export interface CitationColumns {
  title: string;
  year: number | null;
  format: string;
  page_count: number;
  page: number;
  seq: number | null;
}

/** `cite` for a row with the citation columns, as the queries of search, codings and reports return them. */
export function citeRow(r: CitationColumns): string {
  return cite({ title: r.title, year: r.year, format: r.format, pageCount: r.page_count, page: r.page, seq: r.seq ?? undefined });
}
