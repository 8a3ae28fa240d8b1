import { detect, speakerNames, REDACTION_KINDS, type DetectOptions, type Finding, type RedactionKind } from './detect.js';

/** How many of each kind were masked (never the values). */
export type RedactionCounts = Record<RedactionKind, number>;

export const noCounts = (): RedactionCounts => Object.fromEntries(REDACTION_KINDS.map((k) => [k, 0])) as RedactionCounts;

export function addCounts(into: RedactionCounts, more: RedactionCounts): RedactionCounts {
  for (const k of REDACTION_KINDS) into[k] += more[k];
  return into;
}

export const totalCount = (c: RedactionCounts) => REDACTION_KINDS.reduce((n, k) => n + c[k], 0);

/** Text with its findings replaced by typed placeholders, and how to move offsets across. */
export interface Masked {
  text: string;
  findings: Finding[];
  counts: RedactionCounts;
  /** Where an offset into the original text lands in the masked text (inside a mask: its edge). */
  map(offset: number, edge: 'start' | 'end'): number;
}

/** `[EMAIL]`, `[NAME]`; a speaker's name `[NAME 2]`, so that turns can still be told apart. */
const placeholder = (f: Finding) => (f.speaker ? `[${f.kind} ${f.speaker}]` : `[${f.kind}]`);

/** Replaces each finding with its placeholder (`[EMAIL]`, `[PHONE]`, `[ID]`, `[NAME]`, `[NAME 1]`). */
export function mask(text: string, findings: Finding[]): Masked {
  const counts = noCounts();
  let out = '';
  let at = 0;
  // For each finding: where it starts in the original and in the masked text.
  const moves: { start: number; end: number; newStart: number; newEnd: number }[] = [];
  for (const f of findings) {
    out += text.slice(at, f.start);
    const newStart = out.length;
    out += placeholder(f);
    moves.push({ start: f.start, end: f.end, newStart, newEnd: out.length });
    counts[f.kind]++;
    at = f.end;
  }
  out += text.slice(at);
  const map = (offset: number, edge: 'start' | 'end') => {
    let shift = 0;
    for (const m of moves) {
      if (offset <= m.start) break;
      if (offset < m.end) return edge === 'start' ? m.newStart : m.newEnd;
      shift = m.newEnd - m.end;
    }
    return offset + shift;
  };
  return { text: out, findings, counts, map };
}

/** Masks the personal data in one text. */
export function redactText(text: string, options: DetectOptions = {}): Masked {
  return mask(text, detect(text, options));
}

/**
 * Masks a document's pages. Speakers are found over the whole document (a name that opens turns
 * on page 2 is masked on page 5 too), so every page is masked with the same names.
 */
export function redactPages(pages: string[], options: DetectOptions = {}): { pages: Masked[]; counts: RedactionCounts; speakers: string[] } {
  const speakers = speakerNames(pages.join('\n'));
  const masked = pages.map((p) => redactText(p, { ...options, speakers }));
  return { pages: masked, counts: masked.reduce((c, m) => addCounts(c, m.counts), noCounts()), speakers };
}
