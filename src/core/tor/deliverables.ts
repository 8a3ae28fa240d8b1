import type { Block } from './blocks.js';
import { findWhens, type When } from './dates.js';
import { ORDINAL_SOURCE } from './numbers.js';
import { brief, capitalise } from './text.js';

/** A product the ToR asks for, with its due dates ("first draft", "final draft", or "due"). */
export interface Deliverable {
  name: string;
  text: string;
  due: { label: string; when: When }[];
  citation: string;
  segmentId: number;
}

const LABELLED = new RegExp(String.raw`^(?:${ORDINAL_SOURCE}\s+deliverable|deliverable\s*(?:no\.?\s*|#\s*)?(?:\d{1,2}|[A-Z])\b)\s*(?:[–—:.)-]\s*)?`, 'i');
const PRODUCE = /^(?:produce|prepare|draft|write|submit|deliver|develop|devise|compile|finali[sz]e|elaborate)\b/i;
const DOCUMENT = /\b(?:report|plan|note|proposal|strategy|paper|brief|matrix|toolkit|tool|guidance|guidelines|framework|roadmap|summary|manual|handbook|timeline|presentation|deck)s?\b/i;
const DUE_LINE = /^(?:deliverables?|due|(?:first|second|final|revised)\s+(?:draft|version)|drafts?|final|submission|deadline|timeline|timing|by|within|no later than)\b/i;
const DUE_WORD = /\b(?:by|due|no later than|deadline|submitted|within|before|on)\s+(?:email\s+by\s+)?$/i;
const NAME_STOP = /^(?:of|on|for|to|with|that|which|in|by|covering|including|from|as|at|about|and\s+the|,|;|:|\.|\()$/i;

/** The product named after a task's verb: "Prepare a two-page concept note on …" -> "Two-page concept note". */
function productName(text: string): string {
  // Any first word before an article is the task's verb ("Conduct a mapping of …").
  const rest = text.replace(LABELLED, '').replace(PRODUCE, '').replace(/^\p{L}+\s+(?=(?:an?|the)\s)/u, '').trim().replace(/^(?:an?|the|one)\s+/i, '');
  const words: string[] = [];
  for (const w of rest.split(/\s+|(?=[,;:.(])/)) {
    if (NAME_STOP.test(w) || (words.length > 0 && /(?:ing|ed)$/i.test(w)) || words.length >= 6) break;
    words.push(w);
  }
  return capitalise(words.join(' ').replace(/[,;:.]$/, '')) || brief(text, 60);
}

/** The due dates of a line: each clause with a date, labelled by its first words. */
function dues(text: string, requireCue: boolean): Deliverable['due'] {
  const out: Deliverable['due'] = [];
  for (const clause of text.split(/[,;]\s+/)) {
    for (const w of findWhens(clause)) {
      if (requireCue && !DUE_WORD.test(clause.slice(0, w.at))) continue;
      const label = /^(first draft|final draft|revised draft|draft|final version|final)\b/i.exec(clause.trim())?.[1]?.toLowerCase() ?? 'due';
      out.push({ label, when: { text: w.text, date: w.date, week: w.week } });
    }
  }
  return out;
}

/** Whether a block is a due-date line for the deliverable above it ("Deliverable by email by 31 March 2022."). */
export function isDueLine(b: Block): boolean {
  return DUE_LINE.test(b.text) && !LABELLED.test(b.text) && findWhens(b.text).length > 0 && b.text.split(/\s+/).length <= 30;
}

/**
 * The deliverables: labelled ones anywhere ("Second deliverable – …", "Deliverable 2:"), every
 * task of a deliverables section, and tasks elsewhere that produce a document ("Produce a report",
 * "Devise an implementation plan"); the due-date lines after each are its dates.
 */
export function extractDeliverables(blocks: Block[], skip: Set<Block>): Deliverable[] {
  const out: Deliverable[] = [];
  let last: Deliverable | null = null;
  for (const b of blocks) {
    if (b.section === 'excluded' || skip.has(b)) continue;
    if (b.role === 'heading') {
      if (b.section !== 'deliverables') last = null;
      continue;
    }
    if (last && isDueLine(b)) {
      last.due.push(...dues(b.text, false));
      continue;
    }
    const cells = b.text.includes(' | ') ? b.text.split(' | ') : null;
    const labelled = LABELLED.test(b.text);
    const produces = PRODUCE.test(b.text) && DOCUMENT.test(b.text.slice(0, 80));
    if (!(labelled || produces || (b.section === 'deliverables' && b.role !== 'field'))) continue;
    const text = cells ? cells[0]! : b.text;
    last = {
      name: productName(text),
      text: brief(text),
      due: cells ? dues(cells.slice(1).join(', '), false) : dues(b.text, true),
      citation: b.citation,
      segmentId: b.segmentId,
    };
    out.push(last);
  }
  return out;
}
