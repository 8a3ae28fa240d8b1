import type { Block } from './blocks.js';
import { NUMBER_SOURCE, numberValue } from './numbers.js';
import { around } from './text.js';

/** When in an assignment an activity usually happens; the work plan places activities by it. */
export type Phase = 'inception' | 'desk' | 'collection' | 'reporting' | 'dissemination';

interface Kind {
  kind: string;
  label: string;
  /** The activity's nouns (and verbs used as the task itself). */
  noun: string;
  phase: Phase;
  /** Whether a number before the noun counts events (interviews), not a property (a two-page note). */
  countable: boolean;
  /** Whether the activity gathers or analyses evidence (a method in the evaluation matrix). */
  method: boolean;
}

// The activities of reviews, evaluations and assessments, as ToRs name them. A noun phrase's
// head decides: "training workshop" is a workshop. Longer names come first.
const KINDS: Kind[] = [
  { kind: 'focus-groups', label: 'Focus group discussions', noun: String.raw`focus[- ]groups?(?:\s+discussions?)?|FGDs?`, phase: 'collection', countable: true, method: true },
  { kind: 'interviews', label: 'Interviews', noun: String.raw`(?:key[- ]informant\s+|in-depth\s+|semi-structured\s+)?interviews?`, phase: 'collection', countable: true, method: true },
  { kind: 'roundtables', label: 'Roundtables', noun: String.raw`round[- ]?tables?`, phase: 'collection', countable: true, method: true },
  { kind: 'survey', label: 'Survey', noun: String.raw`surveys?|questionnaires?`, phase: 'collection', countable: true, method: true },
  { kind: 'consultations', label: 'Consultations', noun: String.raw`consultations?`, phase: 'collection', countable: true, method: true },
  { kind: 'field-visits', label: 'Field visits', noun: String.raw`(?:field|country|site)\s+(?:visits?|missions?)`, phase: 'collection', countable: true, method: true },
  { kind: 'case-studies', label: 'Case studies', noun: String.raw`case\s+stud(?:y|ies)`, phase: 'collection', countable: true, method: true },
  { kind: 'workshops', label: 'Workshops', noun: String.raw`workshops?`, phase: 'dissemination', countable: true, method: false },
  { kind: 'webinars', label: 'Webinars', noun: String.raw`webinars?`, phase: 'dissemination', countable: true, method: false },
  { kind: 'trainings', label: 'Training sessions', noun: String.raw`trainings|training\s+(?:sessions?|courses?)`, phase: 'dissemination', countable: true, method: false },
  { kind: 'meetings', label: 'Meetings', noun: String.raw`(?:validation\s+|briefing\s+|coordination\s+)?meetings?`, phase: 'collection', countable: true, method: false },
  { kind: 'presentations', label: 'Presentations', noun: String.raw`presentations?|^present\b`, phase: 'dissemination', countable: true, method: false },
  { kind: 'desk-review', label: 'Literature review and desk research', noun: String.raw`(?:systematic\s+)?literature\s+reviews?|desk\s+(?:review|research|study|studies)|document(?:ary)?\s+(?:review|analysis)|review\s+of\s+(?:the\s+)?(?:existing\s+)?(?:literature|documents|documentation)`, phase: 'desk', countable: false, method: true },
  { kind: 'data-analysis', label: 'Analysis of existing data', noun: String.raw`(?:data|statistical|quantitative|secondary)\s+analysis|analy[sz]e\s+(?:existing\s+|available\s+)?(?:[\p{L}’']+\s+){0,2}data`, phase: 'desk', countable: false, method: true },
  { kind: 'mapping', label: 'Mapping', noun: String.raw`mapping(?:\s+exercise)?`, phase: 'desk', countable: false, method: true },
  { kind: 'review', label: 'Review of tools and systems', noun: String.raw`review\s+of\s+[^,.;]{0,80}?\b(?:tools|standards|policies|practices|systems|frameworks|forms|guidelines|procedures)\b`, phase: 'desk', countable: false, method: true },
  { kind: 'planning', label: 'Work plan', noun: String.raw`(?:implementation|work|inception)\s*plan|workplan`, phase: 'inception', countable: false, method: false },
];

// What may stand between a number and its noun: words that are not links or numbers
// ("three virtual focus group discussions", "one virtual anti-racism training workshop").
const LINKS = 'and|or|with|for|in|of|to|on|at|by|as|the|from|per|each|all|which|that|who';
const MODIFIER = String.raw`(?!(?:${LINKS}|${NUMBER_SOURCE})\b)[\p{L}’'+-]+`;
const QUALIFIER = String.raw`at\s+least|a\s+minimum\s+of|minimum(?:\s+of)?|no\s+fewer\s+than|not\s+less\s+than|no\s+less\s+than|up\s+to|a\s+maximum\s+of|approximately|about|around|some`;
const COUNT_BEFORE = new RegExp(String.raw`(?:\b(${QUALIFIER})\s+)?\b(${NUMBER_SOURCE})\s+((?:${MODIFIER}\s+){0,4})$`, 'iu');
const PEOPLE = String.raw`(?:staff|members?|persons?|people|stakeholders?|informants?|respondents?|participants?|officials?|representatives?|managers?|employees?|experts?|partners?|users?|beneficiaries|migrants?|individuals?|personnel)`;
// "Interview at least 15 staff members": the verb names the activity, the number its people.
const VERB_COUNT: [string, RegExp][] = [
  ['interviews', new RegExp(String.raw`\binterview(?:s|ing)?\s+(?:(${QUALIFIER})\s+)?(${NUMBER_SOURCE})\s+(?:${MODIFIER}\s+){0,3}?${PEOPLE}(?:\s+${PEOPLE})?\b`, 'iu')],
  ['consultations', new RegExp(String.raw`\bconsult(?:s|ing)?(?:\s+with)?\s+(?:(${QUALIFIER})\s+)?(${NUMBER_SOURCE})\s+(?:${MODIFIER}\s+){0,3}?${PEOPLE}(?:\s+${PEOPLE})?\b`, 'iu')],
];

const NOUNS = KINDS.map((k) => ({ ...k, re: new RegExp(String.raw`\b(?:${k.noun})\b`, 'giu') }));

/** An activity the ToR asks for, with its count when it gives one. */
export interface Activity {
  kind: string;
  label: string;
  phase: Phase;
  method: boolean;
  /** Events asked for (workshops: 1 + 2 = 3); null when the ToR gives no number. */
  count: number | null;
  /** Whether the count is a minimum ("at least"). */
  atLeast: boolean;
  /** The count as the ToR writes it: "at least one … as well as two …". */
  countText: string | null;
  /** The task it comes from, shortened to its first sentence. */
  text: string;
  citation: string;
  segmentId: number;
}

interface Mention {
  kind: Kind;
  at: number;
  end: number;
  count: number | null;
  atLeast: boolean;
  phrase: string | null;
}

/** Every activity named in a task's text, with the number written before it (if any). */
function mentions(text: string): Mention[] {
  const found: Mention[] = [];
  const taken: [number, number][] = [];
  for (const [kind, re] of VERB_COUNT) {
    const m = re.exec(text);
    if (!m) continue;
    found.push({ kind: KINDS.find((k) => k.kind === kind)!, at: m.index, end: m.index + m[0].length, count: numberValue(m[2]!), atLeast: /least|minimum|fewer|less/i.test(m[1] ?? ''), phrase: m[0].replace(/^\S+\s+(?:with\s+)?/, '') });
    taken.push([m.index, m.index + m[0].length]);
  }
  for (const k of NOUNS) {
    for (const m of text.matchAll(k.re)) {
      const at = m.index;
      const end = at + m[0].length;
      if (taken.some(([a, b]) => at < b && end > a)) continue;
      // A capitalised noun after a capitalised word names a document ("the 2019 Global Staff
      // Engagement Survey"), not an activity to carry out.
      if (at > 0 && /^\p{Lu}/u.test(m[0]) && /\p{Lu}[\p{L}’']*\s+$/u.test(text.slice(0, at))) continue;
      taken.push([at, end]);
      const before = k.countable ? COUNT_BEFORE.exec(text.slice(0, at)) : null;
      const count = before ? numberValue(before[2]!) : null;
      found.push({
        kind: k, at: before ? before.index : at, end, count,
        atLeast: /least|minimum|fewer|less/i.test(before?.[1] ?? ''),
        phrase: before ? `${before[0]}${m[0]}`.replace(/\s+/g, ' ').trim() : null,
      });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

const PRELIMINARY = /\b(preliminary|initial|inception|kick-?off|introductory)\b/i;

/**
 * The activities of the ToR's tasks. Each task (a list item or paragraph of its work or
 * deliverables sections) yields one activity per kind it names, with the counts written before
 * the kind's noun added up within the task ("at least one workshop … as well as two workshops":
 * at least 3). A kind named again in a later task without a number adds nothing new (a report
 * "based on the literature review" is not a second review).
 */
export function extractActivities(tasks: Block[]): Activity[] {
  const out: Activity[] = [];
  for (const task of tasks) {
    const byKind = new Map<string, Mention[]>();
    for (const m of mentions(task.text)) byKind.set(m.kind.kind, [...(byKind.get(m.kind.kind) ?? []), m]);
    for (const [kind, list] of byKind) {
      const counted = list.filter((m) => m.count !== null);
      const earlier = out.find((a) => a.kind === kind);
      if (earlier && !counted.length) continue;
      const k = list[0]!.kind;
      out.push({
        kind,
        label: k.label,
        phase: kind === 'consultations' && PRELIMINARY.test(task.text) ? 'inception' : k.phase,
        method: k.method,
        count: counted.length ? counted.reduce((s, m) => s + m.count!, 0) : null,
        atLeast: counted.some((m) => m.atLeast),
        countText: counted.length ? counted.map((m) => m.phrase).join(' … ') : null,
        text: around(task.text, list[0]!.at),
        citation: task.citation,
        segmentId: task.segmentId,
      });
    }
  }
  return out;
}

/** Phases in the order an assignment goes through them. */
export const PHASES: Phase[] = ['inception', 'desk', 'collection', 'reporting', 'dissemination'];
