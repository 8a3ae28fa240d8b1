/** What a citation needs to know about where an excerpt sits. */
export interface CitationPlace {
  title: string;
  year: number | null;
  format: string;
  pageCount: number;
  page: number;
  /** The paragraph a reader counts (see CITED_PARA), used where a format has no pages. */
  para?: number;
  /** Who and when, for a survey answer or a transcript turn (see CITED_PARA): "respondent 123, Q4", "P3, 00:12:31". */
  place?: string;
}

/** `Title (Year)`, or `Title (n.d.)`: how a document is named in citations and lists. */
export function citeDocument(d: { title: string; year: number | null }): string {
  return `${d.title} (${d.year ?? 'n.d.'})`;
}

/** Where in a document a citation points: a page for paged formats, a paragraph number otherwise. */
export interface Locator {
  page?: number;
  para?: number;
  /** A survey answer's respondent and question, a transcript turn's speaker and time. */
  place?: string;
}

/**
 * The locator of a place: its page where the format has real pages (PDF, a DOCX with page breaks);
 * otherwise (HTML, text, Markdown, single-page DOCX) the paragraph a reader counts, as APA cites
 * unpaginated sources. The one rule every citation of litkit follows.
 */
export function locate(p: { format: string; pageCount: number; page: number; para?: number | null; place?: string | null }): Locator {
  // A survey's pages are its respondents: the respondent and question say where an answer is.
  if (p.place?.startsWith('respondent ')) return { place: p.place };
  const base: Locator = p.format === 'pdf' || p.pageCount > 1 ? { page: p.page } : p.para ? { para: p.para } : {};
  if (!p.place) return base;
  // A timestamp places a turn of a one-page transcript; without one, its paragraph still does.
  return TIMED.test(p.place) && !base.page ? { place: p.place } : { ...base, place: p.place };
}

const TIMED = /\d\d:\d\d:\d\d$/;

/** `Title (Year), p. N`, or `Title (Year), para. N` where the format has no pages (see `locate`). */
export function cite(p: CitationPlace): string {
  const head = citeDocument(p);
  const at = locate(p);
  return [head, at.page && `p. ${at.page}`, at.para && `para. ${at.para}`, at.place].filter(Boolean).join(', ');
}

/**
 * SQL for the paragraph number segment `s` is cited by, selected `AS para`, and for who and when
 * it was said, selected `AS place` (a survey answer's respondent and question, a transcript
 * turn's speaker and timestamp; NULL elsewhere). A segment a reader
 * does not count (a heading, a table row, a caption) is cited by the paragraph it introduces: the
 * next counted one on its page, else the last one before it. Segments of documents stored before
 * paragraphs were counted carry their old number (migration 006).
 */
export const CITED_PARA = `coalesce(s.para,
  (SELECT CASE WHEN n.page = s.page THEN n.para END FROM segments n
    WHERE n.document_id = s.document_id AND n.seq > s.seq AND n.para IS NOT NULL ORDER BY n.seq LIMIT 1),
  (SELECT CASE WHEN n.page = s.page THEN n.para END FROM segments n
    WHERE n.document_id = s.document_id AND n.seq < s.seq AND n.para IS NOT NULL ORDER BY n.seq DESC LIMIT 1)) AS para,
  (SELECT CASE WHEN c.kind = 'respondent' THEN 'respondent ' || c.label || coalesce(', ' || s.question, '')
     WHEN s.time_s IS NULL THEN c.label ELSE c.label || printf(', %02d:%02d:%02d', s.time_s / 3600, s.time_s / 60 % 60, s.time_s % 60) END
   FROM cases c WHERE c.id = s.case_id) AS place`;

/** The columns a query selects to cite a segment: documents d (title, year, format, page_count), segments s (page, and CITED_PARA). */
export interface CitationColumns {
  title: string;
  year: number | null;
  format: string;
  page_count: number;
  page: number;
  para: number | null;
  place?: string | null;
}

/** `cite` for a row with the citation columns, as the queries of search, codings and reports return them. */
export function citeRow(r: CitationColumns): string {
  return cite({ title: r.title, year: r.year, format: r.format, pageCount: r.page_count, page: r.page, para: r.para ?? undefined, place: r.place ?? undefined });
}
