import type { CaseInput, SegmentSpan } from '../types.js';

/**
 * Speaker turns of a transcript, found in its segments: `Interviewer: …`, `P3: …`, `Q:`/`A:`,
 * `[00:12:31] Name: …`, `Name (00:12:31): …`, `SPEAKER 1` or `Name  0:03` on a line of its own
 * (Otter, Zoom, Teams exports), and the `[00:12:31] Name: …` lines litkit writes for WebVTT and
 * SRT cues. A paragraph without a label continues the turn before it.
 */

/** A timestamp: h:mm:ss, mm:ss, with optional milliseconds. */
const TS = String.raw`(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)`;
/**
 * A label: one to four words of letters and digits starting with a letter, at most 40 characters;
 * or the mask `ingest --redact` puts in place of a speaker's name ("[NAME 2]").
 */
const LABEL = String.raw`(\[NAME \d+\]|\p{L}[\p{L}\p{N}.'’-]*(?:[ \t][\p{L}\p{N}.'’-]+){0,3})`;

/** The forms a turn opens with; each gives the label and the timestamp, either possibly missing. */
const OPENERS: { re: RegExp; label: number; ts: number; needsStrong?: boolean }[] = [
  // [00:12:31] Name: text    00:12:31 - Name: text
  { re: new RegExp(String.raw`^[\[(]?${TS}[\])]?[ \t]*[-–]?[ \t]*${LABEL}[ \t]*:[ \t\n]`, 'u'), label: 2, ts: 1 },
  // Name [00:12:31]: text    Name (00:12:31) text
  { re: new RegExp(String.raw`^${LABEL}[ \t]*[\[(]${TS}[\])][ \t]*:?[ \t\n]`, 'u'), label: 1, ts: 2 },
  // Name  0:03 (a line of its own, the words below)
  { re: new RegExp(String.raw`^${LABEL}[ \t]+${TS}[ \t]*(?:\n|$)`, 'u'), label: 1, ts: 2 },
  // Name: text
  { re: new RegExp(String.raw`^${LABEL}[ \t]*:[ \t\n]`, 'u'), label: 1, ts: 0 },
  // SPEAKER 1 (a line of its own): only a label that is clearly a speaker's
  { re: new RegExp(String.raw`^${LABEL}[ \t]*(?:\n|$)`, 'u'), label: 1, ts: 0, needsStrong: true },
  // [00:12:31] text (a cue without a speaker)
  { re: new RegExp(String.raw`^[\[(]${TS}[\])][ \t]`, 'u'), label: 0, ts: 1 },
];

/** Labels that name a speaker by their part in the conversation, whatever the document. */
const STRONG = /^(?:\[name \d+\]|interviewer|interviewee|moderator|facilitator|respondent|participant|speaker|note[- ]?taker|q|a|i|r|int|resp|[pr]\s?\d+|(?:speaker|participant|respondent|interviewee|interviewer|moderator|facilitator|person)\s*\d+)$/i;
/** Labels of the one asking: their turns are not coded by default. */
const INTERVIEWER = /^(?:(?:interviewer|moderator|facilitator)(?:\s*\d+)?|q|i|int|question|note[- ]?taker)$/i;
/** Labels that open field lines and notes rather than turns. */
const NOT_SPEAKERS = /^(?:note|notes|source|sources|example|see|tel|phone|e-?mail|date|subject|to|from|re|cc|title|author|authors|question|answer|comment|summary|keywords?|figure|table|box|step|warning|tip|closing date|duty station|position|grade|location|contract|type|status|category|reference|ref|url|link|website|address)(?:\s*\d+)?$/i;

/** Seconds of a timestamp ("00:12:31", "12:31", "1:02:03.5"). */
export function seconds(ts: string): number {
  const parts = ts.split(/[.,]/)[0]!.split(':').map(Number);
  return parts.reduce((total, n) => total * 60 + n, 0);
}

/** "00:12:31" for a number of seconds, as citations print it. */
export function clock(s: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

interface Opening {
  label?: string;
  timeS?: number;
  /** The paragraph is the label (and time) alone; the words follow in the next one. */
  alone: boolean;
}

function opening(text: string): Opening | undefined {
  for (const o of OPENERS) {
    const m = o.re.exec(text);
    if (!m) continue;
    const label = o.label ? m[o.label]!.trim() : undefined;
    if (label && (label.length > 40 || NOT_SPEAKERS.test(label))) continue;
    if (o.needsStrong && !(label && STRONG.test(label))) continue;
    return { label, timeS: o.ts && m[o.ts] ? seconds(m[o.ts]!) : undefined, alone: m[0].trim().length === text.trim().length };
  }
  return undefined;
}

/** The role a label implies: interviewer for the one asking, participant otherwise. */
export const roleOf = (label: string) => (INTERVIEWER.test(label) ? 'interviewer' : 'participant');

/**
 * Whether the labels found make a transcript: two speakers or more, and turns for at least a third
 * of the running text, so a policy's "Note:" and "Example:" paragraphs are not mistaken for
 * speakers. A label needs two turns (three when no label is a role and nothing is timed); a role
 * or participant code (Interviewer, Q, P3) one, beside another label.
 */
function speakersOf(openings: (Opening | undefined)[], textSegments: number): Set<string> {
  const counts = new Map<string, number>();
  for (const o of openings) if (o?.label) counts.set(o.label, (counts.get(o.label) ?? 0) + 1);
  const timed = openings.some((o) => o?.timeS !== undefined);
  const strong = [...counts.keys()].some((l) => STRONG.test(l));
  const need = timed || strong ? 2 : 3;
  const speakers = new Set([...counts].filter(([label, n]) => n >= need || (STRONG.test(label) && counts.size >= 2)).map(([l]) => l));
  const turns = [...speakers].reduce((n, l) => n + counts.get(l)!, 0);
  // A single speaker is a transcript only where the file is timed (a subtitle file, a monologue).
  if ((speakers.size < 2 && !timed) || turns * 3 < textSegments) return new Set();
  return speakers;
}

/** What the turns of a document are: segments annotated in place with speaker and time, and the speakers as cases. */
export function detectTurns(pages: string[], segments: SegmentSpan[]): CaseInput[] {
  const texts = segments.map((s) => pages[s.page - 1]!.slice(s.start, s.end));
  const openings = texts.map((t, i) => (segments[i]!.kind === 'body' || segments[i]!.kind === 'heading' || segments[i]!.kind === 'list' ? opening(t) : undefined));
  const textSegments = segments.filter((s) => s.kind === 'body' || s.kind === 'list').length;
  const speakers = speakersOf(openings, textSegments);
  const timed = openings.some((o) => o?.timeS !== undefined && !o.label);
  if (!speakers.size && !timed) return [];
  let current: string | undefined;
  let pendingTime: number | undefined;
  segments.forEach((seg, i) => {
    const o = openings[i];
    const label = o?.label && speakers.has(o.label) ? o.label : undefined;
    if (label) current = label;
    else if (seg.kind === 'heading' && !o) current = undefined; // a new section of the document
    if (seg.kind === 'boilerplate' || seg.kind === 'reference') return;
    if (current !== undefined && (label || seg.kind !== 'heading')) seg.speaker = current;
    if (o?.timeS !== undefined && (label || !o.label)) seg.timeS = o.timeS;
    else if (!o && pendingTime !== undefined) seg.timeS = pendingTime;
    pendingTime = label && o!.alone ? o!.timeS : undefined;
    // A turn is what someone said, however short: "P3: Yes." is not a heading.
    if (label && seg.kind === 'heading') seg.kind = 'body';
  });
  return [...speakers].map((label) => ({ kind: 'speaker' as const, label, attributes: { role: roleOf(label) } }));
}
