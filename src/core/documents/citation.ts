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

/**
 * `Title (Year), p. N`. Formats without real pages (HTML, text, Markdown, single-page DOCX) are
 * cited by paragraph instead, as APA does for unpaginated sources: `Title (Year), para. N`.
 */
export function cite(p: CitationPlace): string {
  const head = `${p.title} (${p.year ?? 'n.d.'})`;
  const paged = p.format === 'pdf' || p.pageCount > 1;
  if (paged) return `${head}, p. ${p.page}`;
  return p.seq ? `${head}, para. ${p.seq}` : head;
}
