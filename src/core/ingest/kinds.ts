import type { SegmentKind } from '../documents/kinds.js';
import { isBoilerplateText } from './boilerplate.js';
import { flat, words } from './text-shape.js';

/** A paragraph as the segmenter found it, before it is cut into segments. */
export interface Paragraph {
  page: number;
  text: string;
  /** What the file's markup says it is (DOCX, HTML, Markdown), when it says. */
  hint?: SegmentKind;
  /** The first or last paragraph of its page, where running heads and footers sit. */
  edge: boolean;
}

/** A paragraph's kind, and whether a reader counts it when numbering paragraphs. */
export interface Classified {
  kind: SegmentKind;
  counted: boolean;
}

/** A list marker: a bullet, or an item number or letter ("1.", "(a)", "iv)"). */
export const BULLET = /^\s*(?:[•▪◦·‣∙*–—-]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s/;
const BULLET_GLYPH = /^\s*[•▪◦·‣∙*–—-]\s/;
/** A section number before a heading: "2.", "2.1", "IV.", "B.". */
const SECTION_NUMBER = /^\s*(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]?|[IVXL]{1,5}[.)]|\(?[A-Za-z][.)])\s+/;
const SENTENCE_END = /[.!?;,]["'”’)\]]*$/;
/** A name that ends with an initial ("Allison, Timothy B.") has a full stop but is no sentence. */
const INITIAL_END = /(?:^|[\s,])\p{Lu}\.$/u;
/** A line that ends in one of these words was cut mid-sentence (a wrapped line), not a title. */
const OPEN_END = /\b(a|an|the|and|or|nor|but|of|to|in|on|at|by|for|from|with|into|onto|upon|about|between|among|across|within|without|through|over|under|after|before|during|against|than|as|like|such|that|which|who|whose|if|when|where|whether|because|while|is|are|was|were|be|has|have|had|can|will|would|should|must|may|its|their|our|this|these|via)$/i;
/** A clause's verb: a sentence-case line with one is a sentence without its full stop ("This paragraph is in the default style"). */
const FINITE_VERB = /\b(is|are|was|were|has|have|had|will|would|can|could|must|should|shall|may|might|does|do|did)\b/i;
/** Text that stops mid-phrase: a wrapped line, a lead-in ("please refer to:"), a cut sentence ("… Database ("). */
const cutOff = (t: string) => /[([{–—-]$/.test(t) || OPEN_END.test(t.replace(/:$/, ''));
const TOC_LINE = /(?:\.\s?){4,}\s*\d+\s*$/;

/** Words of four letters or more after the first that start with a capital, as a share of all such words. */
function capitalised(t: string): number {
  const long = t.split(/\s+/).slice(1).filter((w) => /\p{L}{4}/u.test(w));
  return long.length ? long.filter((w) => /^\P{L}*\p{Lu}/u.test(w)).length / long.length : 1;
}

function balanced(t: string): boolean {
  const count = (re: RegExp) => t.match(re)?.length ?? 0;
  return count(/\(/g) === count(/\)/g) && count(/\[/g) === count(/\]/g);
}

/** One line of a heading (or, `loose`, of a label line a reader does not count): see headingForm. */
function headingLine(line: string, loose: boolean): boolean {
  // The cheap tests first: most paragraphs end a sentence or start in lower case.
  const t = line.trim();
  if (t.length > 120 || (SENTENCE_END.test(t) && !INITIAL_END.test(t))) return false;
  if (!/^[\p{Lu}\p{N}(["“'‘§]/u.test(t) || !/^\P{L}*\p{Lu}/u.test(t)) return false;
  const n = words(t);
  if (n === 0 || (t.endsWith(':') && n > 8)) return false;
  // Title Case runs longer than sentence case: "Performance indicators for evaluation of results –
  // please see …" is a sentence without its full stop (though no paragraph a reader counts either),
  // and so is a sentence-case line with a clause.
  const titleCase = capitalised(t) >= 0.5;
  if (n > (titleCase || loose ? 15 : 9) || (!titleCase && (FINITE_VERB.test(t) || (!loose && n > 6 && t.includes(','))))) return false;
  if (cutOff(t) || !/\p{L}{2}/u.test(t)) return false;
  // Code and formulae from PDFs: operators, or brackets that do not pair up.
  if (/[=<>{}$\\|;]/.test(t) || !balanced(t)) return false;
  const chars = t.replace(/\s/g, '');
  return (chars.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= chars.length * 0.6;
}

/**
 * Whether a paragraph reads as a heading or a label rather than a sentence: one to three lines (a
 * wrapped title, or a title block) of at most 15 words each, 9 in sentence case, with no sentence
 * end, starting with a capital or a number, not cut off mid-phrase, and mostly letters and digits
 * (formula fragments of PDFs are not headings). Key-value lines of a job advert ("Closing Date:
 * 27 February 2022") have this form too, on purpose: they describe the document, as a title does,
 * and are neither evidence nor paragraphs a reader counts. `loose` asks instead whether the
 * paragraph is a label line that a reader does not count: up to 15 words in any case, commas allowed.
 */
export function headingForm(text: string, loose = false): boolean {
  if (text.length > 400) return false; // three lines of 120 characters at most: most paragraphs stop here
  const lines = text.trim().split('\n');
  // A long title wrapped over lines, or a title block of a line each (title, author, date).
  return lines.length <= 3 && (headingLine(text, loose) || lines.every((line) => headingLine(line, loose)));
}

const LINK = /\b(?:https?:\/\/|www\.)\S+/i;
const LINKS = new RegExp(LINK.source, 'gi');
const REFERENCE_LEAD = /^(sources?|retrieved|available|accessed|url|link|see|cf\.?|via|online|web ?site)\b/i;
/** "Smith, J. A., & Doe, B. (2020)." and "World Health Organization. (2019)." */
const AUTHOR_YEAR = /^\p{Lu}[\p{L}'’ -]{1,60},\s+\p{Lu}\.(?:\s?-?\p{Lu}\.)*[^]{0,200}?\((?:19|20)\d\d[a-z]?\)/u;
const ORG_YEAR = /^\p{Lu}[^.()]{2,150}\.?\s\((?:(?:19|20)\d\d[a-z]?|n\.d\.)\)\.\s/u;
const NUMBERED_ENTRY = /^\[\d{1,3}\]\s+\S[^]*\b(?:19|20)\d\d\b/;
const DOI = /\b(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)10\.\d{4,}/i;

/** What every reference pattern below needs: a link, "Source:", "retrieved", a DOI, a year in brackets, "[n]". */
const REFERENCE_CUE = /https?:\/\/|www\.|\bsources?\s*:|\bretrieved\b|\bdoi\b|\((?:(?:19|20)\d\d|n\.d\.)|^\s*\[\d/i;

/** A source or URL line ("Source: https://…", a bare link, "Retrieved from …") or a bibliography entry. */
export function isReferenceText(text: string): boolean {
  if (!REFERENCE_CUE.test(text)) return false;
  const t = flat(text);
  const n = words(t);
  const rest = words(t.replace(LINKS, ' '));
  if (LINK.test(t) && (rest <= 4 || (REFERENCE_LEAD.test(t) && rest <= 25))) return true;
  if (/^sources?\s*:/i.test(t) && n <= 40) return true;
  if (/\bretrieved\b.{0,40}\bfrom\b/i.test(t) && n <= 80) return true;
  return n <= 120 && (AUTHOR_YEAR.test(t) || ORG_YEAR.test(t) || NUMBERED_ENTRY.test(t) || (DOI.test(t) && n <= 80));
}

/**
 * Whether a reader counts a paragraph of text as one: anything but a line that looks like a
 * heading or a label, even when its words are substance ("Performance indicators for evaluation of
 * results – please see attachment on the email" is coded but not counted).
 */
const runningText = (text: string) => !headingForm(text, true);

/** Plain-text tables: every line between pipes ("| a | b |"). */
const PIPE_TABLE = /^(?:[ \t]*\|.*\|[ \t]*(?:\n|$))+$/;
/** A row of a table in a PDF's text layer: a label, then two or more figures ("Promotion 47% 22% 63%"). */
const FIGURES_ROW = /^[^\d\n][^\n]*?(?:\s[-+−]?\d[\d.,]*\s?%?){2,}$/;

/** "Figure 3: …", "Table 2.1. …", "Box A – …" */
const CAPTION = /^(?:figure|fig\.|table|tab\.|chart|graph|box|map|exhibit|diagram|plate|illustration|photo)\s*(?:\d+[a-z]?(?:\.\d+)*|[IVXL]+|[A-Z](?:\.\d+)?)\s*[.:—–-]\s*\S/i;
/** Headings that open a list of references; the section runs to the next section of another kind. */
const REFERENCES_HEADING = /^(?:\d+(?:\.\d+)*\.?\s+|[IVX]+\.\s+)?(?:references|bibliography|works cited|literature cited|reference list|list of references|sources|endnotes)\s*:?$/i;
const AFTER_REFERENCES = /^(?:\d+(?:\.\d+)*\.?\s+|[A-Z]\.?\s+)?(?:appendix|appendices|annex|annexes|acknowledg|about the authors?|supplementary|biograph)/i;

/** The label before a colon that opens a paragraph ("P4: …", "Closing Date: …"), in lower case. */
const labelOf = (text: string) => /^([^:\n]{1,40}):\s/.exec(text)?.[1]?.trim().toLowerCase();

/** Labels ("P4", "Interviewer") that open three or more paragraphs: speakers of a transcript. */
function speakers(paragraphs: Paragraph[]): Set<string> {
  const counts = new Map<string, number>();
  for (const p of paragraphs) {
    const label = labelOf(p.text);
    if (label) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= 3).map(([label]) => label));
}

/**
 * Running heads and footers of a paged document: short lines at the top or bottom of three or
 * more pages (of every page, in a shorter document) that read the same once numbers are dropped
 * ("Chapter 3. Recursion", "Smith et al.", "Mobility Policy Page 1 of 2").
 */
function runningHeads(paragraphs: Paragraph[], pageCount: number): Set<Paragraph> {
  const keys = new Map<Paragraph, string>();
  for (const p of paragraphs) {
    if (!p.edge || words(p.text) > 15) continue;
    const key = p.text.toLowerCase().replace(/[^\p{L}]+/gu, '');
    if (key.length >= 4) keys.set(p, key);
  }
  const pages = new Map<string, Set<number>>();
  for (const [p, key] of keys) pages.set(key, (pages.get(key) ?? new Set()).add(p.page));
  return new Set([...keys].filter(([, key]) => pages.get(key)!.size >= Math.min(3, pageCount)).map(([p]) => p));
}

/** The classifier of one document: what it has seen so far decides what a paragraph in a references section is. */
class DocumentKinds {
  private inReferences = false;

  constructor(
    private readonly speakers: Set<string>,
    private readonly runningHeads: Set<Paragraph>,
  ) {}

  classify(p: Paragraph): Classified {
    const { text, hint } = p;
    if (hint === 'boilerplate' || this.runningHeads.has(p)) return { kind: 'boilerplate', counted: false };
    if (isBoilerplateText(text)) return { kind: 'boilerplate', counted: hint === 'list' || BULLET.test(text) || runningText(text) };
    if (this.inReferences) {
      const leaves = (hint === 'heading' || headingForm(text)) && (AFTER_REFERENCES.test(flat(text)) || (hint === 'heading' && !REFERENCES_HEADING.test(flat(text))));
      if (!leaves) return { kind: 'reference', counted: false };
      this.inReferences = false;
    }
    if (isReferenceText(text)) return { kind: 'reference', counted: false };
    if (CAPTION.test(text) && words(text) <= 60) return { kind: 'caption', counted: false };
    if (hint === 'table' || PIPE_TABLE.test(text) || FIGURES_ROW.test(text.trim())) return { kind: 'table', counted: false };
    if ((hint === 'heading' && words(text) <= 40) || this.isHeading(text, hint)) {
      if (REFERENCES_HEADING.test(flat(text))) this.inReferences = true;
      return { kind: 'heading', counted: false };
    }
    if (hint === 'list' || BULLET.test(text)) return { kind: 'list', counted: true };
    return { kind: 'body', counted: runningText(text) || this.isTurn(text) };
  }

  /** A turn of a transcript: a speaker's label, or in a transcript (two speakers or more) a label of one or two words ("P7"). */
  private isTurn(text: string): boolean {
    const label = labelOf(text);
    return label !== undefined && (this.speakers.has(label) || (this.speakers.size >= 2 && words(label) <= 2));
  }

  private isHeading(text: string, hint: SegmentKind | undefined): boolean {
    if (hint === 'list' || BULLET_GLYPH.test(text) || this.isTurn(text)) return false;
    const lines = text.trim().split('\n');
    if (lines.every((l) => TOC_LINE.test(l))) return true;
    return headingForm(text) && (!SECTION_NUMBER.test(text) || headingForm(text.replace(SECTION_NUMBER, '')));
  }
}

/** Classifies the paragraphs of one document, in reading order. */
export function classifyParagraphs(paragraphs: Paragraph[]): Classified[] {
  const pageCount = new Set(paragraphs.map((p) => p.page)).size;
  const doc = new DocumentKinds(speakers(paragraphs), pageCount >= 2 ? runningHeads(paragraphs, pageCount) : new Set());
  return paragraphs.map((p) => doc.classify(p));
}
