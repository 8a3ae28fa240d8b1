import { isContentWord, stem, tokenize } from '../coding/text.js';
import { PHASES, type Activity, type Phase, type Tor } from '../tor/index.js';
import { weeksBetween } from '../tor/dates.js';
import type { ReportCode } from './model.js';

/** A line of inquiry: one of the ToR's questions or, when it asks none, one of its scope items. */
export interface Inquiry {
  ref: string;
  text: string;
  citation: string;
  from: 'question' | 'scope';
  /** Framework codes whose label and definition share the line's distinctive words. */
  codes: string[];
}

/** One row of the evaluation matrix; `question` is empty on the rows after a question's first. */
export interface MatrixRow {
  ref: string;
  question: string;
  subQuestion: string;
  indicators: string;
  sources: string;
  methods: string;
}

export interface Workplan {
  unit: 'week' | 'month' | 'quarter';
  columns: string[];
  rows: { task: string; count: string; cells: string[] }[];
  /** Where the length comes from: "six months (Type of Appointment …, para. 5)". */
  basis: string;
  /** Dates that do not fit, starts the ToR leaves open: for the drafter to settle. */
  notes: string[];
}

export interface Plan {
  inquiries: Inquiry[];
  matrix: MatrixRow[];
  workplan: Workplan | null;
}

// Words of the assignment's work rather than its subject ("develop", "report", "analysis"): they
// would tie a question to whichever code's definition happens to use them.
const WORK_WORDS = new Set(['develop', 'report', 'staff', 'base', 'kei', 'includ', 'analysi', 'analys', 'examin', 'identif', 'propos', 'concret', 'implic', 'consider']);
const stems = (text: string) => new Set(tokenize(text).map((t) => t.lower).filter(isContentWord).map(stem).filter((w) => !WORK_WORDS.has(w)));

/**
 * The framework codes a line of inquiry is about: codes sharing its content words (stemmed),
 * each word weighted by how few codes use it (so "employment cycle" finds the employment codes
 * while "staff" finds little) and twice when it is in the code's label rather than its
 * definition. At most three, best first, none under half the best one's score.
 */
export function matchCodes(text: string, codes: ReportCode[]): string[] {
  const labels = new Map(codes.map((c) => [c.id, stems(`${c.id.replace(/[.-]/g, ' ')} ${c.label}`)]));
  const vocab = new Map(codes.map((c) => [c.id, new Set([...labels.get(c.id)!, ...stems(c.definition ?? '')])]));
  const df = new Map<string, number>();
  for (const s of vocab.values()) for (const w of s) df.set(w, (df.get(w) ?? 0) + 1);
  const words = [...stems(text)];
  const scored = codes
    .map((c) => ({ id: c.id, score: words.filter((w) => vocab.get(c.id)!.has(w)).reduce((sum, w) => sum + Math.log(codes.length / df.get(w)!) * (labels.get(c.id)!.has(w) ? 2 : 1), 0) }))
    .filter((s) => s.score >= Math.log(codes.length / 3))
    .sort((a, b) => b.score - a.score);
  return scored.filter((s) => s.score >= scored[0]!.score / 2).slice(0, 3).map((s) => s.id);
}

const countText = (a: Activity) => (a.count === null ? '' : `${a.atLeast ? '≥ ' : ''}${a.count}`);

/** The ToR's activities that gather or analyse evidence, as the methods column says them. */
function methods(tor: Tor): string[] {
  return tor.activities.filter((a) => a.method).map((a) => (a.count === null ? a.label : `${a.label} (${countText(a)})`));
}

const PRIMARY: Record<string, string> = {
  survey: 'survey respondents', interviews: 'interviewees', 'focus-groups': 'focus group participants', roundtables: 'roundtable participants',
  consultations: 'stakeholders consulted', 'field-visits': 'field visits', 'case-studies': 'case studies', 'data-analysis': 'existing data',
};

/** The evaluation matrix: question × sub-question × indicators × sources × methods, the last four proposed from the codes and the project's documents. */
function evaluationMatrix(tor: Tor, inquiries: Inquiry[], byId: Record<string, ReportCode>, typesOf: (code: string) => string[]): MatrixRow[] {
  const planned = tor.activities.map((a) => PRIMARY[a.kind]).filter(Boolean);
  const how = ['Desk review of the coded documents', ...methods(tor)].join('; ');
  const rows: MatrixRow[] = [];
  for (const q of inquiries) {
    const codes = q.codes.map((id) => byId[id]!).filter(Boolean);
    if (!codes.length) {
      rows.push({ ref: q.ref, question: q.text, subQuestion: '[to be defined: no code of the framework matches this question]', indicators: '[to be defined]', sources: planned.length ? `[planned: ${planned.join(', ')}]` : '[to be defined]', methods: how });
      continue;
    }
    codes.forEach((c, i) => {
      const types = typesOf(c.id);
      rows.push({
        ref: q.ref,
        question: i === 0 ? q.text : '',
        subQuestion: `[Proposed: what does the evidence show on ${c.label.toLowerCase()}?] (code ${c.id})`,
        indicators: `[Proposed: extent to which the sources document ${c.label.toLowerCase()}] Now: ${c.excerpts} ${c.excerpts === 1 ? 'excerpt' : 'excerpts'} in ${c.documents} ${c.documents === 1 ? 'document' : 'documents'}`,
        sources: [types.length ? `Project documents: ${types.join(', ')}` : 'No project document coded yet', planned.length ? `[planned: ${planned.join(', ')}]` : ''].filter(Boolean).join('; '),
        methods: how,
      });
    });
  }
  return rows;
}

// Where each phase usually falls in an assignment, as shares of its length: proposals the
// drafter adjusts, not a schedule the ToR sets.
const WINDOWS: Record<Phase, [number, number]> = { inception: [0, 0.15], desk: [0.05, 0.45], collection: [0.3, 0.75], reporting: [0.6, 1], dissemination: [0.85, 1] };
const PRODUCT_PHASE: [RegExp, Phase][] = [[/plan|inception|timeline/i, 'inception'], [/mapping|review|note/i, 'desk'], [/presentation|training|workshop/i, 'dissemination']];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The work plan: the ToR's activities and deliverables over periods that add up to its duration. */
function workplan(tor: Tor): Workplan | null {
  const d = tor.timeline.duration;
  if (!d) return null;
  const months = d.unit === 'months' ? d.amount : d.unit === 'years' ? d.amount * 12 : null;
  const unit: Workplan['unit'] = months !== null && months > 18 ? 'quarter' : months !== null && months >= 3 ? 'month' : d.weeks > 12 ? 'month' : 'week';
  const n = unit === 'quarter' ? Math.ceil(months! / 3) : unit === 'month' ? (months ?? Math.ceil(d.weeks / 4.35)) : Math.max(1, d.weeks);
  const weeksPer = unit === 'week' ? 1 : unit === 'month' ? 52 / 12 : 13;
  const start = tor.timeline.start?.date ?? null;
  const columns = Array.from({ length: n }, (_, i) => {
    if (start && unit === 'month') {
      const [y, m] = start.split('-').map(Number) as [number, number];
      const k = m - 1 + i;
      return `${MONTHS[k % 12]} ${y + Math.floor(k / 12)}`;
    }
    return `${unit === 'week' ? 'W' : unit === 'month' ? 'M' : 'Q'}${i + 1}`;
  });
  const span = (phase: Phase): [number, number] => {
    const [a, b] = WINDOWS[phase];
    const from = Math.min(n - 1, Math.floor(a * n));
    return [from, Math.max(from, Math.ceil(b * n) - 1)];
  };
  const notes: string[] = [];
  const rows: Workplan['rows'] = [];
  const activities = [...tor.activities].sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase));
  for (const a of activities) {
    const [from, to] = span(a.phase);
    rows.push({ task: a.label, count: countText(a), cells: columns.map((_, i) => (i >= from && i <= to ? '■' : '')) });
  }
  for (const del of tor.deliverables) {
    const cells = columns.map(() => '');
    const dated = del.due.filter((x) => x.when.date || x.when.week !== null);
    for (const due of dated) {
      const week = due.when.week ?? (start && due.when.date ? weeksBetween(start, due.when.date) : null);
      if (week === null) continue;
      const i = Math.floor(week / weeksPer);
      if (i >= n) notes.push(`${del.name}: ${due.label} ${due.when.text} falls after the end of the ToR's ${d.amount} ${d.unit}.`);
      cells[Math.min(i, n - 1)] = '◆';
    }
    if (!cells.includes('◆')) cells[span(PRODUCT_PHASE.find(([re]) => re.test(del.name))?.[1] ?? 'reporting')[1]] = '◆';
    rows.push({ task: `Deliverable: ${del.name}`, count: del.due.map((x) => `${x.label} ${x.when.text}`).join('; '), cells });
  }
  const dated = tor.deliverables.flatMap((x) => x.due.map((y) => y.when)).filter((w) => w.date).sort((a, b) => a.date!.localeCompare(b.date!));
  if (!start && dated.length) {
    const [first, last] = [dated[0]!, dated.at(-1)!];
    notes.push(`The ToR dates its deliverables (${first.text} to ${last.text}) but gives no start date${tor.timeline.startText ? ` ("${tor.timeline.startText}")` : ''}: the deliverables are placed by their kind; move them once the start is agreed.`);
    if (weeksBetween(first.date!, last.date!) > d.weeks) notes.push(`The deliverables' dates span more than the ToR's duration (${d.amount} ${d.unit}).`);
  }
  return { unit, columns, rows, basis: `${d.amount} ${d.unit} (“${d.text}”, ${d.citation})`, notes };
}

/**
 * The plan an inception or assessment report draws from the ToR: lines of inquiry (its
 * questions, else its scope items) matched to framework codes, the evaluation matrix and the
 * work plan.
 */
export function planFromTor(tor: Tor, codes: ReportCode[], typesOf: (code: string) => string[]): Plan {
  const byId = Object.fromEntries(codes.map((c) => [c.id, c]));
  const lines = tor.questions.length ? tor.questions.map((q) => ({ ...q, from: 'question' as const })) : tor.scope.map((s) => ({ ...s, from: 'scope' as const }));
  const inquiries = lines.map((l, i) => ({ ref: `${l.from === 'question' ? 'Q' : 'S'}${i + 1}`, text: l.text, citation: l.citation, from: l.from, codes: matchCodes(l.text, codes) }));
  return { inquiries, matrix: evaluationMatrix(tor, inquiries, byId, typesOf), workplan: workplan(tor) };
}
