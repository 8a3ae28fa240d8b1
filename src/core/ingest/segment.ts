import type { SegmentKind } from '../documents/kinds.js';
import { BULLET, classifyParagraphs, headingForm, type Paragraph } from './kinds.js';
import { repeatKey } from './repeat-key.js';
import type { Format, SegmentSpan } from './types.js';

/** Segments longer than this are split at sentence ends, so an excerpt stays quotable. */
const MAX_SEGMENT = 1500;
const TARGET_SEGMENT = 1000;

interface Span {
  start: number;
  end: number;
}

const TERMINAL = /[.!?:]["'”’)\]]*$/;

/** Splits a page at blank lines. */
function blocks(text: string): Span[] {
  const spans: Span[] = [];
  const sep = /\n[ ]*\n/g;
  let start = 0;
  for (const m of text.matchAll(sep)) {
    spans.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  spans.push({ start, end: text.length });
  return spans;
}

/** The length of a full line of body text on this page (75th percentile of line lengths). */
function typicalLineLength(text: string): number {
  const lengths = text
    .split('\n')
    .map((l) => l.trim().length)
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  return lengths.length ? lengths[Math.floor(lengths.length * 0.75)]! : 0;
}

function lineEndAt(text: string, from: number, limit: number): number {
  const nl = text.indexOf('\n', from);
  return nl === -1 || nl > limit ? limit : nl;
}

/**
 * PDF text layers give lines, not paragraphs: a paragraph ends at a line clearly shorter than a
 * full line (its last line, or a heading), and a bullet starts a new one.
 */
function pdfParagraphs(text: string, block: Span, typical: number): Span[] {
  const spans: Span[] = [];
  let start = block.start;
  let pos = block.start;
  while (pos < block.end) {
    const lineEnd = lineEndAt(text, pos, block.end);
    const line = text.slice(pos, lineEnd).trim();
    const next = lineEnd < block.end ? text.slice(lineEnd + 1, lineEndAt(text, lineEnd + 1, block.end)) : '';
    const short = line.length < typical * 0.6 || (TERMINAL.test(line) && line.length < typical * 0.85);
    if (lineEnd < block.end && (short || BULLET.test(next))) {
      spans.push({ start, end: lineEnd });
      start = lineEnd + 1;
    }
    pos = lineEnd + 1;
  }
  spans.push({ start, end: block.end });
  return spans;
}

/**
 * Plain text separates paragraphs with blank lines and joins the hard-wrapped lines of each. Inside
 * a block, a list item starts on a line of its own, and so does a heading line directly above or
 * below prose (no blank line between: "1. Purpose", "Apply Now" after the last sentence): a line
 * that looks like a heading and is clearly shorter than its prose neighbour, which a wrapped line
 * is not.
 */
function textParagraphs(text: string, block: Span): Span[] {
  const lines: Span[] = [];
  for (let pos = block.start; pos < block.end; ) {
    const end = lineEndAt(text, pos, block.end);
    lines.push({ start: pos, end });
    pos = end + 1;
  }
  const line = (l: Span) => text.slice(l.start, l.end).trim();
  const spans: Span[] = [];
  let first = 0;
  for (let i = 1; i < lines.length; i++) {
    const head = line(lines[first]!);
    const prev = line(lines[i - 1]!);
    const here = line(lines[i]!);
    const headingAbove = i === first + 1 && head.length < 0.7 * here.length && headingForm(head) && !headingForm(text.slice(lines[i]!.start, block.end));
    const headingBelow = /[.!?]["'”’)\]]*$/.test(prev) && here.length < 0.7 * prev.length && headingForm(here);
    if (BULLET.test(here) || headingAbove || headingBelow) {
      spans.push({ start: lines[first]!.start, end: lines[i - 1]!.end });
      first = i;
    }
  }
  spans.push({ start: lines[first]?.start ?? block.start, end: block.end });
  return spans;
}

/** Cuts a long span at sentence ends near the target length (or at a space when there is none). */
function splitLong(text: string, span: Span): Span[] {
  const out: Span[] = [];
  let start = span.start;
  while (span.end - start > MAX_SEGMENT) {
    const window = text.slice(start, start + MAX_SEGMENT);
    let cut = -1;
    for (const m of window.matchAll(/[.!?]["'”’)\]]*\s+(?=["“(\p{Lu}\d])/gu)) {
      const at = m.index + m[0].length;
      if (at > TARGET_SEGMENT * 0.3) cut = at;
      if (at >= TARGET_SEGMENT) break;
    }
    if (cut === -1) cut = window.lastIndexOf(' ', TARGET_SEGMENT) + 1 || MAX_SEGMENT;
    out.push({ start, end: start + cut });
    start += cut;
  }
  out.push({ start, end: span.end });
  return out;
}

/** Narrows a span to its non-space content; undefined when nothing worth a segment is left. */
function trim(text: string, span: Span): Span | undefined {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end <= start || !/\p{L}/u.test(text.slice(start, end))) return undefined;
  return { start, end };
}

/** A paragraph with its place on the page. */
type Placed = Paragraph & Span;

/** The paragraphs of one page, in reading order, each with the kind its block's markup gives. */
function pageParagraphs(text: string, page: number, format: Format, markup: (SegmentKind | undefined)[] | undefined): Placed[] {
  const typical = format === 'pdf' ? typicalLineLength(text) : 0;
  const found = blocks(text);
  // Normalisation can merge blocks (a paragraph of control characters only); the markup's kinds
  // are trusted only while they still line up with the blocks.
  const hints = markup?.length === found.length ? markup : undefined;
  const out: Placed[] = [];
  found.forEach((block, b) => {
    const parts = format === 'pdf' ? pdfParagraphs(text, block, typical) : format === 'txt' ? textParagraphs(text, block) : [block];
    for (const part of parts) {
      const span = trim(text, part);
      if (span) out.push({ start: span.start, end: span.end, page, text: text.slice(span.start, span.end), hint: hints?.[b], edge: false });
    }
  });
  if (out.length) out[0]!.edge = out.at(-1)!.edge = true;
  return out;
}

/**
 * Splits normalised pages into paragraph-level segments, each with its page number (1-based),
 * offsets into that page's text, its kind, and the paragraph number a reader counts on the page
 * (which the pieces of a long paragraph share), in reading order. `blockKinds` is what the file's
 * markup says about each blank-line-separated block, when the format has markup.
 */
export function segmentPages(pages: string[], format: Format, blockKinds?: (SegmentKind | undefined)[][]): SegmentSpan[] {
  const paragraphs = pages.flatMap((text, i) => pageParagraphs(text, i + 1, format, blockKinds?.[i]));
  const kinds = classifyParagraphs(paragraphs);
  const counted = new Map<number, number>();
  const segments: SegmentSpan[] = [];
  paragraphs.forEach((p, i) => {
    const { kind, counted: isCounted } = kinds[i]!;
    const para = isCounted ? (counted.get(p.page) ?? 0) + 1 : null;
    if (para) counted.set(p.page, para);
    const text = pages[p.page - 1]!;
    // The paragraph is trimmed already; only the pieces of a long one need it again.
    const pieces = p.end - p.start > MAX_SEGMENT ? splitLong(text, p).flatMap((piece) => trim(text, piece) ?? []) : [p];
    for (const { start, end } of pieces) segments.push({ page: p.page, start, end, kind, para, repeatKey: repeatKey(text.slice(start, end), kind) });
  });
  return segments;
}
