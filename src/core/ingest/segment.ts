import type { Format, SegmentSpan } from './types.js';

/** Segments longer than this are split at sentence ends, so an excerpt stays quotable. */
const MAX_SEGMENT = 1500;
const TARGET_SEGMENT = 1000;

interface Span {
  start: number;
  end: number;
}

const BULLET = /^\s*(?:[•▪◦·‣∙*–—-]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s/;
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

/**
 * Splits normalised pages into paragraph-level segments, each with its page number (1-based) and
 * offsets into that page's text, in reading order.
 */
export function segmentPages(pages: string[], format: Format): SegmentSpan[] {
  const segments: SegmentSpan[] = [];
  pages.forEach((text, i) => {
    const typical = format === 'pdf' ? typicalLineLength(text) : 0;
    for (const block of blocks(text)) {
      const paragraphs = format === 'pdf' ? pdfParagraphs(text, block, typical) : [block];
      for (const p of paragraphs) {
        for (const piece of splitLong(text, p)) {
          const span = trim(text, piece);
          if (span) segments.push({ page: i + 1, ...span });
        }
      }
    }
  });
  return segments;
}
