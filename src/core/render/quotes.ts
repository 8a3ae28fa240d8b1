// Which excerpts a report quotes, and how much of each. A drafter quotes the sentence that carries
// the evidence, not the whole paragraph it sits in; prefers what a person coded or accepted, then
// the auto codings litkit is most confident of; spreads quotes across documents and document
// types; and never quotes the same words twice.

/** An excerpt that could be quoted: a coding, its segment and what is known of its source. */
export interface QuoteCandidate {
  segmentId: number;
  documentId: number;
  /** The segment's text and where it starts in its page's text. */
  segmentText: string;
  segmentStart: number;
  /** The coded span (page offsets), or the segment's own bounds for a whole-segment coding. */
  start: number;
  end: number;
  /** Where the rule evidence sits (page offsets), for an auto coding of a whole segment. */
  evidence?: { start: number; end: number };
  /** 0: coded or accepted by a person; 1: auto or suggested, unreviewed. */
  tier: number;
  /** 0..1; a person's coding counts as 1. */
  confidence: number;
  docType: string;
  coders: string[];
  /** Whatever else the caller needs back with the pick (citation columns). */
  extra?: unknown;
}

export interface PickedQuote {
  candidate: QuoteCandidate;
  /** The sentence(s) quoted, white space folded. */
  text: string;
  /** Page offsets of the quoted text. */
  start: number;
  end: number;
}

/** A quote longer than this is cut to the sentences around the evidence. */
const MAX_QUOTE = 420;
/** A single sentence longer than this is cut to the clauses around the evidence. */
const MAX_SENTENCE = 600;
/** Two quotes sharing this share of their words say the same thing. */
const NEAR_DUPLICATE = 0.8;

// A sentence ends at . ! ? followed by space and a capital, digit or opening quote; also at line
// breaks that start a list item.
const SENTENCE_END = /[.!?]["'”’)\]]*\s+(?=["“‘(]?[\p{Lu}\d])|\n\s*(?=[•▪◦·‣∙*–—-]\s)/gu;

/** Offsets (within the text) of the sentences of a text: [start, end) pairs. */
export function sentences(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].trimEnd().length;
    if (end > start) out.push([start, end]);
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push([start, text.length]);
  return out.map(([s, e]) => trimSpan(text, s, e)).filter(([s, e]) => e > s);
}

function trimSpan(text: string, s: number, e: number): [number, number] {
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return [s, e];
}

/**
 * The quotable text for a span of a segment (offsets within the segment): the sentences it
 * touches, widened to whole sentences; a span longer than a quote keeps its own bounds.
 */
export function quoteSpan(text: string, start: number, end: number): [number, number] {
  const all = sentences(text);
  const touched = all.filter(([s, e]) => s < Math.max(end, start + 1) && e > start);
  if (!touched.length) return trimSpan(text, start, end);
  const from = touched[0]![0];
  const to = touched.at(-1)![1];
  if (to - from <= MAX_QUOTE || end - start >= MAX_QUOTE) return end - start >= MAX_QUOTE ? trimSpan(text, start, end) : [from, to];
  // Too long: the sentence holding the span's start, and the next ones while they fit.
  let e = touched[0]![1];
  for (const [, te] of touched.slice(1)) if (te - from <= MAX_QUOTE) e = te;
  if (e - from <= MAX_SENTENCE) return [from, Math.max(e, Math.min(end, from + MAX_QUOTE))];
  return clauses(text, from, e, start, end);
}

/**
 * The clauses of one long sentence around a span: split at semicolons, colons and dashes (then
 * commas if need be), widened while the quote stays short. The caller marks the cut with ellipses.
 */
function clauses(text: string, from: number, to: number, start: number, end: number): [number, number] {
  for (const sep of [/[;:]\s+|\s[–—]\s/g, /,\s+/g]) {
    const cuts = [from];
    for (const m of text.slice(from, to).matchAll(sep)) cuts.push(from + m.index + m[0].length);
    cuts.push(to);
    let i = cuts.findLastIndex((c) => c <= start);
    let j = cuts.findIndex((c) => c >= end);
    if (i < 0 || j < 0) continue;
    while (j < cuts.length - 1 && cuts[j + 1]! - cuts[i]! <= MAX_QUOTE) j++;
    while (i > 0 && cuts[j]! - cuts[i - 1]! <= MAX_QUOTE) i--;
    const [s, e] = trimSpan(text, cuts[i]!, cuts[j]!);
    if (e - s <= MAX_SENTENCE && e > s) return [s, e];
  }
  return trimSpan(text, from, Math.min(to, Math.max(end, from + MAX_SENTENCE)));
}

const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** Jaccard similarity of two texts' word sets. */
export function overlap(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  let both = 0;
  for (const w of x) if (y.has(w)) both++;
  return both / (x.size + y.size - both || 1);
}

/** What part of the segment a candidate quotes. */
function toQuote(c: QuoteCandidate): PickedQuote {
  const whole = c.start <= c.segmentStart && c.end >= c.segmentStart + c.segmentText.length;
  const focus = whole && c.evidence ? c.evidence : { start: c.start, end: c.end };
  const rel = quoteSpan(c.segmentText, Math.max(0, focus.start - c.segmentStart), Math.min(c.segmentText.length, focus.end - c.segmentStart));
  // A whole-segment coding without evidence quotes the segment's opening sentences.
  const [s, e] = whole && !c.evidence ? quoteSpan(c.segmentText, 0, 1) : rel;
  // A quote that starts or ends inside a sentence says so, as quotations do.
  const cutBefore = s > 0 && !/[.!?]["'”’)\]]*\s*$/.test(c.segmentText.slice(0, s));
  const cutAfter = e < c.segmentText.length && !/[.!?]["'”’)\]]*$/.test(c.segmentText.slice(s, e));
  const body = c.segmentText.slice(s, e).replace(/\s+/g, ' ').trim().replace(/[;:,]$/, '');
  return { candidate: c, text: `${cutBefore ? '…' : ''}${body}${cutAfter ? '…' : ''}`, start: c.segmentStart + s, end: c.segmentStart + e };
}

/**
 * Picks up to n quotes: people's codings first, then by confidence; one per document before a
 * second from any, and a new document type before a repeated one; near-duplicates dropped.
 */
export function pickQuotes(candidates: QuoteCandidate[], n: number): PickedQuote[] {
  const ranked = [...candidates].sort((a, b) => a.tier - b.tier || b.confidence - a.confidence || a.segmentId - b.segmentId);
  const quotes: PickedQuote[] = [];
  const bySegment = new Set<number>();
  for (const c of ranked) {
    if (bySegment.has(c.segmentId)) continue;
    bySegment.add(c.segmentId);
    quotes.push(toQuote(c));
  }
  const picked: PickedQuote[] = [];
  const docs = new Set<number>();
  const types = new Set<string>();
  const fresh = (q: PickedQuote) => q.text.length >= 40 && !picked.some((p) => p === q || overlap(p.text, q.text) >= NEAR_DUPLICATE);
  const pass = (accept: (q: PickedQuote) => boolean) => {
    for (const q of quotes) {
      if (picked.length >= n) return;
      if (!fresh(q) || !accept(q)) continue;
      picked.push(q);
      docs.add(q.candidate.documentId);
      types.add(q.candidate.docType);
    }
  };
  pass((q) => !docs.has(q.candidate.documentId) && !types.has(q.candidate.docType));
  pass((q) => !docs.has(q.candidate.documentId));
  pass(() => true);
  return picked;
}
