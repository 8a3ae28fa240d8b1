/** A recognised word as tesseract.js reports it. */
export interface OcrWord {
  text: string;
  confidence: number;
}

/** A recognised line: its words and its vertical extent on the image, in pixels. */
export interface OcrLine {
  words: OcrWord[];
  top: number;
  bottom: number;
}

/**
 * A word at the edge of a line that is a speck of the scan rather than text: no letter or digit
 * ("’", ":", "|" from the page's margin), or a short token tesseract itself hardly believes.
 */
const speck = (w: OcrWord) => !/[\p{L}\p{N}]/u.test(w.text) || (w.text.length <= 2 && w.confidence < 30);

function lineText(words: OcrWord[]): string {
  let from = 0;
  let to = words.length;
  while (from < to && speck(words[from]!)) from++;
  while (to > from && speck(words[to - 1]!)) to--;
  return words.slice(from, to).map((w) => w.text).join(' ');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * The page's text from its recognised lines: specks at line edges dropped, and a blank line
 * where the gap above a line is clearly wider than the page's usual line spacing (a paragraph or
 * section break). Tesseract's own paragraphs are not used: margin specks on a scan split them
 * into a paragraph per line.
 */
export function pageText(lines: OcrLine[]): string {
  const kept = lines.map((l) => ({ ...l, text: lineText(l.words) })).filter((l) => l.text);
  const heights = kept.map((l) => l.bottom - l.top);
  const gaps = kept.slice(1).map((l, i) => l.top - kept[i]!.bottom);
  const usualGap = median(gaps);
  const lineHeight = median(heights);
  return kept.map((l, i) => (i > 0 && gaps[i - 1]! > usualGap + 0.5 * lineHeight ? `\n${l.text}` : l.text)).join('\n');
}
