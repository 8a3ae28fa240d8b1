import type { Block } from './blocks.js';
import { findWhens, type When } from './dates.js';
import { NUMBER_SOURCE, numberValue } from './numbers.js';

/** How long the assignment runs and when it starts, as the ToR says. */
export interface Timeline {
  duration: { amount: number; unit: 'days' | 'weeks' | 'months' | 'years'; weeks: number; text: string; citation: string } | null;
  /** Working days of effort, when the ToR counts them apart from the duration. */
  effortDays: number | null;
  start: (When & { citation: string }) | null;
  /** "as soon as possible", "upon signature": a start the ToR gives without a date. */
  startText: string | null;
}

const UNIT = String.raw`(calendar\s+|working\s+|work\s+|person[- ]|business\s+)?(months?|weeks?|days|years?)`;
const HOLDER = String.raw`appointment|duration|contract|period|consultancy|assignment|engagement|length|time\s*frame|timeframe|term`;
// A duration is a number of months (weeks, days) said of the assignment: its appointment or
// duration field, "a six-month consultancy", "over a period of 12 weeks". A "five-year strategy"
// or "the last four years" is not one.
const DURATIONS = [
  new RegExp(String.raw`\b(?:${HOLDER})\b[^.]{0,40}?\b(?:up\s+to\s+|approximately\s+|about\s+|a\s+total\s+of\s+|maximum\s+of\s+)?(${NUMBER_SOURCE})\s+${UNIT}\b`, 'iu'),
  new RegExp(String.raw`\b(${NUMBER_SOURCE})[- ](?:(calendar|working)\s+)?(month|week|day|year)s?[- ](?:long\s+)?(?:${HOLDER})\b`, 'iu'),
  new RegExp(String.raw`\b(?:over|for|during)\s+(?:a\s+(?:total\s+)?period\s+of\s+|a\s+total\s+of\s+)?(?:up\s+to\s+)?(${NUMBER_SOURCE})\s+${UNIT}\b`, 'iu'),
];
const START = /\bstart(?:ing)?\s+date\b|\b(?:commenc|start|begin)\w*\s+(?:on|in|from|by)\b/i;
const START_WORDS = /as soon as possible|asap|immediately|upon (?:contract )?signature|to be (?:confirmed|determined|agreed)|tb[cd]\b/i;
const WEEKS: Record<string, number> = { day: 1 / 5, week: 1, month: 52 / 12, year: 52 };

/** The assignment's duration (first one stated), effort in working days, and start. */
export function extractTimeline(blocks: Block[]): Timeline {
  const t: Timeline = { duration: null, effortDays: null, start: null, startText: null };
  for (const b of blocks) {
    if (b.section === 'excluded') continue;
    for (const re of DURATIONS) {
      const m = re.exec(b.text);
      if (!m) continue;
      const amount = numberValue(m[1]!);
      const unitWord = (m[3] ?? '').toLowerCase().replace(/s$/, '');
      const qualifier = (m[2] ?? '').toLowerCase();
      if (amount === null || !unitWord) continue;
      if (unitWord === 'day' && /working|work|person|business/.test(qualifier)) {
        t.effortDays ??= amount;
        continue;
      }
      // Days count working days unless the ToR says calendar days.
      const weeks = unitWord === 'day' && !/calendar/.test(qualifier) ? amount / 5 : amount * WEEKS[unitWord]!;
      t.duration ??= { amount, unit: `${unitWord}s` as 'days', weeks: Math.ceil(weeks), text: m[0].replace(/\s+/g, ' ').trim(), citation: b.citation };
    }
    const s = START.exec(b.text);
    if (s && !t.start && !t.startText) {
      const after = b.text.slice(s.index + s[0].length, s.index + s[0].length + 60);
      const when = findWhens(after).find((w) => w.at < 12 && w.date);
      const words = START_WORDS.exec(after);
      if (when && (!words || when.at < words.index)) t.start = { text: when.text, date: when.date, week: null, citation: b.citation };
      else if (words && words.index < 12) t.startText = words[0];
    }
  }
  return t;
}
