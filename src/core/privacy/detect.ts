// Finding personal data in extracted text: e-mail addresses, phone numbers, ID-like numbers and
// people's names. Precision matters as much as recall here: a report full of masked years, page
// ranges or UN document symbols is useless, so numbers are masked only in a phone's shape (a
// leading + or 0, or a "Tel"/"Phone" label) or after an identifier's label (staff no., passport …).

export const REDACTION_KINDS = ['EMAIL', 'PHONE', 'ID', 'NAME'] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

/** A piece of text to mask, as JavaScript string offsets into the text it was found in. */
export interface Finding {
  kind: RedactionKind;
  start: number;
  end: number;
  /** For a speaker's name: which speaker (1, 2 …), so that masked turns stay apart. */
  speaker?: number;
}

export interface DetectOptions {
  /** People's names to mask wherever they occur (whole words, case as written). */
  names?: string[];
  /** Extra regular expressions (sources) whose matches are ID-like numbers. */
  patterns?: string[];
  /** The document's speakers, in order (default: the speaker labels found in the text). */
  speakers?: string[];
}

// Bounded as addresses are (64 characters before the @, 63 per domain label, a few labels), so a
// long run of letters or dots in a hostile text costs linear time, not quadratic.
const EMAIL = /(?<![\p{L}\d._%+-])[\p{L}\d._%+-]{1,64}@[\p{L}\d-]{1,63}(?:\.[\p{L}\d-]{1,63}){0,6}\.\p{L}{2,24}(?![\p{L}\d-])/gu;

// International (+41 22 917 9000, +1 (212) 963-1234) and local forms that start with a trunk 0
// (022 917 90 00, 0791 234 567). Years, page ranges, ISBNs and DOIs start otherwise.
const PHONE_INTL = /(?<![\w+])\+\d{1,3}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d{1,4}){2,5}(?!\w)/g;
const PHONE_LOCAL = /(?<![\w.,/-])\(?0\d{1,4}\)?(?:[ .-]\d{2,4}){2,4}(?![\w.,/-])/g;
// After a label, any run of digits with the usual separators is a phone number.
const PHONE_LABELLED = /\b(?:tel|tél|phone|telephone|téléphone|mobile|mob|cell|fax|whatsapp)\.?\s*(?:no\.?|number|n°)?\s*[:.]?\s*(\+?\(?\d[\d ().-]{5,}\d)/giu;

// The label needs its "no."/"number"/"#"/":" so that "in case 2020" or "registration 2021" stay.
const ID_LABELLED =
  /\b(?:staff|index|employee|personnel|badge|passport|identity card|id card|national id|case|registration|refugee|unhcr|beneficiary|file)\s*(?:(?:no\.?|number|num\.?|n°|#|id)\s*[:.]?|:)\s*([A-Z]{0,3}[-/]?\d[\dA-Z/-]{3,}\d|\d{4,})/giu;
// Passport-like: one or two capitals then 6 to 9 digits, alone (not A/RES/70/1, not E/2019/12).
const PASSPORT = /(?<![\w/])[A-Z]{1,2}\d{6,9}(?![\w/])/g;

// A turn in a transcript: a capitalised name of one to three words and a colon at a line's start.
const SPEAKER = /^[ \t]*(\p{Lu}[\p{L}'’.-]*(?:[ \t]\p{Lu}[\p{L}'’.-]*){0,2})[ \t]*:(?=[ \t])/gmu;
// Labels that are roles or headings, not people.
const NOT_A_SPEAKER = new Set(
  `interviewer interviewee respondent moderator facilitator participant participants speaker q a question answer
   note notes nb source sources table figure fig box annex appendix chapter section article paragraph step phase
   recommendation recommendations objective objectives summary background conclusion conclusions comment comments
   date time location place venue title subject purpose result results output outputs outcome outcomes indicator
   indicators target targets baseline example examples key total definition keywords abstract contact email e-mail
   tel phone fax web website url website address from to cc re attendees present absent agenda action actions
   decision decisions status type category priority budget period duration author authors editor editors
   year country region theme issue issues lesson lessons finding findings response risk risks method methods
   rationale description activities activity responsible partners partner donor donors amount cost remarks
   warning caution important tip ps mr mrs ms dr prof proof lemma theorem corollary claim remark hint
   solution exercise algorithm input read write case basis`.split(/\s+/),
);

function* matches(re: RegExp, text: string, group = 0): Generator<{ start: number; end: number }> {
  for (const m of text.matchAll(re)) {
    const value = m[group];
    if (!value) continue;
    const start = m.index! + (group ? m[0].indexOf(value) : 0);
    yield { start, end: start + value.length };
  }
}

const digits = (s: string) => s.replace(/\D/g, '').length;

/** The speaker names of a transcript: labels that open two or more turns and are not roles. */
export function speakerNames(text: string): string[] {
  // A word the document also uses in lower case ("Proof:", "Read:") is a word, not a name.
  const lowerWords = new Set(text.replace(EMAIL, ' ').match(/(?<![\p{L}])\p{Ll}[\p{L}'’-]*/gu) ?? []);
  const seen = new Map<string, number>();
  for (const m of text.matchAll(SPEAKER)) {
    const label = m[1]!.replace(/[.’']+$/, '');
    if (label.split(/\s+/).some((w) => NOT_A_SPEAKER.has(w.toLowerCase().replace(/[.:]/g, '')))) continue;
    if (/\d/.test(label) || label.length < 2 || label.split(/\s+/).some((w) => lowerWords.has(w.toLowerCase()))) continue;
    seen.set(label, (seen.get(label) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n >= 2).map(([label]) => label);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern matching any of `names` as whole words; each name's own parts of 3+ letters too. */
function namePattern(names: string[]): RegExp | undefined {
  const forms = new Set<string>();
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    forms.add(name);
    const parts = name.split(/\s+/);
    if (parts.length > 1) for (const p of parts) if (/^\p{Lu}/u.test(p) && p.replace(/\P{L}/gu, '').length >= 3) forms.add(p);
  }
  if (!forms.size) return undefined;
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRe);
  return new RegExp(`(?<![\\p{L}\\d])(?:${alternatives.join('|')})(?![\\p{L}\\d])`, 'gu');
}

/**
 * The personal data in `text`, sorted and without overlaps (where two findings overlap, the one
 * that starts first wins, then the longer).
 */
export function detect(text: string, options: DetectOptions = {}): Finding[] {
  const found: Finding[] = [];
  const add = (kind: RedactionKind, it: Iterable<{ start: number; end: number }>, keep: (s: string) => boolean = () => true) => {
    for (const m of it) if (keep(text.slice(m.start, m.end))) found.push({ kind, ...m });
  };
  add('EMAIL', matches(EMAIL, text));
  add('PHONE', matches(PHONE_INTL, text), (s) => digits(s) >= 8 && digits(s) <= 15);
  // Groups of binary digits ("011 100 010") are data, not a number anyone dials.
  add('PHONE', matches(PHONE_LOCAL, text), (s) => digits(s) >= 9 && digits(s) <= 12 && /[2-9]/.test(s));
  add('PHONE', matches(PHONE_LABELLED, text, 1), (s) => digits(s) >= 6 && digits(s) <= 15);
  add('ID', matches(ID_LABELLED, text, 1), (s) => digits(s) >= 4);
  add('ID', matches(PASSPORT, text));
  for (const source of options.patterns ?? []) add('ID', matches(new RegExp(source, 'gu'), text));
  const speakers = options.speakers ?? speakerNames(text);
  speakers.forEach((name, i) => {
    const re = namePattern([name]);
    if (re) for (const m of matches(re, text)) found.push({ kind: 'NAME', ...m, speaker: i + 1 });
  });
  const names = namePattern(options.names ?? []);
  if (names) add('NAME', matches(names, text));
  found.sort((a, b) => a.start - b.start || b.end - a.end || (a.speaker ? -1 : 1));
  const out: Finding[] = [];
  for (const f of found) {
    const last = out.at(-1);
    if (last && f.start < last.end) continue;
    out.push(f);
  }
  return out;
}
