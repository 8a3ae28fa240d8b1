import { NUMBER_SOURCE, ORDINAL_SOURCE, numberValue, ordinalValue } from './numbers.js';

/** A point in time as a ToR gives it: a calendar date, or weeks from the start. */
export interface When {
  text: string;
  /** YYYY-MM-DD (YYYY-MM-01 for a month and year). */
  date: string | null;
  /** Weeks after the start ("within 4 weeks of signature", "week 6", "month 2" -> 8). */
  week: number | null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const monthIndex = (name: string) => MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().replace('.', '').slice(0, 3)));
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

const PATTERNS: [RegExp, (m: RegExpExecArray) => When][] = [
  [new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(${MONTH})\s*,?\s+(\d{4})\b`, 'i'), (m) => ({ text: m[0], date: iso(+m[3]!, monthIndex(m[2]!) + 1, +m[1]!), week: null })],
  [new RegExp(String.raw`\b(${MONTH})\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, 'i'), (m) => ({ text: m[0], date: iso(+m[3]!, monthIndex(m[1]!) + 1, +m[2]!), week: null })],
  // UN and European ToRs write dates day first: 14.02.2022, 14/02/2022.
  [/\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b/, (m) => ({ text: m[0], date: +m[2]! <= 12 ? iso(+m[3]!, +m[2]!, +m[1]!) : iso(+m[3]!, +m[1]!, +m[2]!), week: null })],
  [new RegExp(String.raw`\b(${MONTH})\s+(\d{4})\b`, 'i'), (m) => ({ text: m[0], date: iso(+m[2]!, monthIndex(m[1]!) + 1, 1), week: null })],
  [new RegExp(String.raw`\b(?:within|after|by\s+the\s+end\s+of)\s+(?:the\s+)?(?:(${NUMBER_SOURCE})\s+(weeks?|months?|days)|(${ORDINAL_SOURCE})\s+(week|month))\b`, 'i'), (m) => ({ text: m[0], date: null, week: relative(m[1] ? numberValue(m[1]) : ordinalValue(m[3]!), (m[2] ?? m[4])!) })],
  [/\b(week|month)\s+(\d{1,2})\b/i, (m) => ({ text: m[0], date: null, week: relative(+m[2]!, m[1]!) })],
];

function relative(n: number | null, unit: string): number | null {
  if (n === null || !Number.isFinite(n)) return null;
  if (/^month/i.test(unit)) return Math.round(n * 4.35);
  if (/^day/i.test(unit)) return Math.ceil(n / 7);
  return n;
}

/** Every date or relative time in a text, in order of appearance. */
export function findWhens(text: string): (When & { at: number })[] {
  const out: (When & { at: number })[] = [];
  let rest = text;
  let offset = 0;
  for (;;) {
    let best: { m: RegExpExecArray; make: (m: RegExpExecArray) => When } | null = null;
    for (const [re, make] of PATTERNS) {
      const m = re.exec(rest);
      if (m && (!best || m.index < best.m.index)) best = { m, make };
    }
    if (!best) return out;
    out.push({ ...best.make(best.m), at: offset + best.m.index });
    offset += best.m.index + best.m[0].length;
    rest = rest.slice(best.m.index + best.m[0].length);
  }
}

/** Weeks from one ISO date to another, rounded up (0 when the second is not later). */
export function weeksBetween(from: string, to: string): number {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  return days > 0 ? Math.ceil(days / 7) : 0;
}
