import { clock, seconds } from './transcript.js';

/**
 * Subtitle files (WebVTT, SRT) as transcript text: cues become paragraphs `[00:12:31] Name: words`
 * (the form litkit's turn detection reads), consecutive cues of one speaker joined into one turn,
 * since subtitles cut sentences into screen-sized pieces. Styling tags are dropped.
 */

interface Cue {
  start: number;
  speaker?: string;
  text: string;
}

const TIMING = /^\s*(\d{1,2}:)?(\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*(\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}/;
/** A WebVTT voice span: <v Name> or <v.loud Name>. */
const VOICE = /<v(?:\.[\w.-]+)?\s+([^>]+)>/;
/** A speaker written into an SRT cue: "NAME: words", "[Name] words", "- Name: words". */
const CUE_SPEAKER = /^(?:-\s*)?(?:\[([^\]\n]{1,40})\]|([\p{Lu}][\p{L}\p{N}.'’ -]{0,38}[\p{L}\p{N}]):)\s+/u;

/** Whether text is a WebVTT file (its required header) or an SRT file (a numbered first cue with a timing line). */
export function subtitleKind(text: string): 'webvtt' | 'srt' | undefined {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (/^WEBVTT(?:[ \t]|\r?\n|$)/.test(head)) return 'webvtt';
  if (/^\d+\r?\n[^\n]*-->/.test(head) && TIMING.test(head.split(/\r?\n/)[1] ?? '')) return 'srt';
  return undefined;
}

function cues(text: string, kind: 'webvtt' | 'srt'): Cue[] {
  const out: Cue[] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const lines = block.split('\n');
    const t = lines.findIndex((l) => TIMING.test(l));
    if (t === -1) continue; // the header, NOTE and STYLE blocks, cue numbers without timing
    const m = TIMING.exec(lines[t]!)!;
    const start = seconds(`${m[1] ?? ''}${m[2]!}`);
    let body = lines.slice(t + 1).join(' ').trim();
    let speaker: string | undefined;
    const voice = kind === 'webvtt' ? VOICE.exec(body) : null;
    if (voice) speaker = voice[1]!.trim();
    body = body.replace(/<[^>]*>/g, '').replace(/\{\\[^}]*\}/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
    if (!speaker) {
      const named = CUE_SPEAKER.exec(body);
      if (named) {
        speaker = (named[1] ?? named[2])!.trim();
        body = body.slice(named[0].length);
      }
    }
    if (body) out.push({ start, speaker, text: body });
  }
  return out;
}

/** Turns at most this long; a longer monologue is split at the next cue. */
const MAX_TURN = 1000;

/** The text of a subtitle file as transcript paragraphs. */
export function subtitlesToText(text: string, kind: 'webvtt' | 'srt'): string {
  const paragraphs: { start: number; speaker?: string; text: string }[] = [];
  let speaker: string | undefined;
  for (const cue of cues(text, kind)) {
    // A cue without a name continues the speaker before it, as subtitle files write it.
    const who = cue.speaker ?? speaker;
    const last = paragraphs.at(-1);
    const sentenceOpen = last && !/[.!?…]["'”’)]*$/.test(last.text);
    if (last && last.speaker === who && (!cue.speaker || cue.speaker === speaker) && (who !== undefined || sentenceOpen) && last.text.length < MAX_TURN) {
      last.text += ` ${cue.text}`;
    } else {
      paragraphs.push({ start: cue.start, speaker: who, text: cue.text });
    }
    speaker = who;
  }
  return paragraphs.map((p) => `[${clock(p.start)}] ${p.speaker ? `${p.speaker}: ` : ''}${p.text}`).join('\n\n');
}
