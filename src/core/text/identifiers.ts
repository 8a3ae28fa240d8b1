/**
 * DOIs and URLs: recognising them in metadata values and finding the ones a document states as its
 * own source in its first lines ("Source: https://…", "doi:10.…", a URL alone on a line).
 */

/** A DOI: the 10. prefix, a registrant code, a slash and a suffix without spaces. */
const DOI = /\b(10\.\d{4,9}\/[^\s"'<>]+)/;
/** The ways documents label a DOI: `doi:`, `DOI `, or a doi.org resolver address. */
const LABELLED_DOI = /(?:\bdoi\s*:?\s*|\bhttps?:\/\/(?:dx\.)?doi\.org\/|\bdoi\.org\/)(10\.\d{4,9}\/[^\s"'<>]+)/i;
const URL = /\bhttps?:\/\/[^\s"'<>]+/i;
/** Words that introduce a document's own address on a cover page or under a title. */
const URL_LABEL = /\b(?:source|url|link|permalink|permanent link|citable link|as published|available (?:at|from|online)|retrieved from|downloaded from|online at)\s*:?\s*(https?:\/\/[^\s"'<>]+)/i;
/** arXiv stamps its identifier on the first page (and often in the title field). */
const ARXIV = /\barXiv:((?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?)/;

/** Cuts what a sentence or markup adds after an identifier: final punctuation, an unbalanced `)`. */
function trimTail(s: string): string {
  let out = s.replace(/[.,;:!?'"’”\]}>]+$/, '');
  while (out.endsWith(')') && (out.match(/\(/g)?.length ?? 0) < (out.match(/\)/g)?.length ?? 0)) out = out.slice(0, -1).replace(/[.,;:]+$/, '');
  return out;
}

/** The bare DOI (`10.1000/xyz`) in a value written as `doi:…`, `https://doi.org/…` or bare. */
export function doiIn(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const m = LABELLED_DOI.exec(text) ?? DOI.exec(text);
  return m ? trimTail(decodeURIComponentSafe(m[1]!)) : undefined;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** An http(s) address in a value, or undefined; DOI resolver addresses count as DOIs, not URLs. */
export function urlIn(text: string | undefined): string | undefined {
  const m = text ? URL.exec(text) : null;
  if (!m) return undefined;
  const url = trimTail(m[0]);
  return isDoiUrl(url) ? undefined : url;
}

function isDoiUrl(url: string): boolean {
  return /^https?:\/\/(dx\.)?doi\.org\/10\./i.test(url);
}

/** The abstract page of an arXiv identifier (`arXiv:2101.00001v2`, `arXiv:math/0411343v1`). */
export function arxivUrl(text: string | undefined): string | undefined {
  const m = text ? ARXIV.exec(text) : null;
  return m ? `https://arxiv.org/abs/${m[1]}` : undefined;
}

/** Whether a metadata value is an identifier (a DOI, an address, an arXiv stamp) rather than a title. */
export function isIdentifier(text: string): boolean {
  const t = text.trim();
  return /^(doi:\s*)?10\.\d{4,9}\//i.test(t) || /^https?:\/\/\S+$/i.test(t) || /^arXiv:\S+/.test(t);
}

export interface Identifiers {
  doi?: string;
  url?: string;
}

/** Only the head of the first page is read: the title block, a cover page, a print header. */
const HEAD_LINES = 40;

/**
 * The DOI and address a document gives for itself in its first lines: a labelled DOI anywhere
 * there; an address after a label ("Source:", "Available at", "Citable Link"), else an address
 * alone on its line (a print header's date and page counter aside), else an arXiv stamp. An address
 * inside a sentence is left alone: it is more often a reference than the document's own.
 */
export function identifiersInText(text: string): Identifiers {
  const lines = text.split(/\r?\n/).slice(0, HEAD_LINES);
  const head = lines.join('\n');
  const doi = LABELLED_DOI.exec(head)?.[1];
  let labelled: string | undefined;
  let alone: string | undefined;
  lines.forEach((line, i) => {
    const l = URL_LABEL.exec(line)?.[1];
    if (l && !labelled && !isDoiUrl(l)) labelled = trimTail(l);
    const u = URL.exec(line)?.[0];
    if (!u || alone || isDoiUrl(u)) return;
    const rest = line.replace(URL, ' ').replace(/[\d/.:,-]+/g, ' ').trim();
    // A wrapped sentence can leave an address alone on a line: "(at" above it, ")." after it.
    const inSentence = trimTail(u) !== u || /(\(|,|\b(at|from|see|in|on|via|to|under|by|and|or))$/i.test(lines[i - 1]?.trim() ?? '');
    if (!rest && !inSentence) alone = u;
  });
  const url = labelled ?? alone ?? arxivUrl(head);
  return { ...(doi ? { doi: trimTail(decodeURIComponentSafe(doi)) } : {}), ...(url ? { url } : {}) };
}
