import type { Block } from './blocks.js';
import { isQuestion, overlap, QUESTION_WORD, sentences } from './text.js';

/** A passage of the ToR with where it is. */
export interface TorText {
  text: string;
  citation: string;
  segmentId: number;
}


const QUESTIONS_LEAD_IN = /\bquestions?\b[^.?]*:\s*$|\bfollowing\b[^.?]*\bquestions?\b/i;

/**
 * The ToR's questions: every item of a questions section or of a list introduced as questions
 * ("… the following guiding questions:"), and anywhere else each list item or sentence that opens
 * with a question word and asks ("What is the gap to be filled?").
 */
export function extractQuestions(blocks: Block[]): TorText[] {
  const out: TorText[] = [];
  let leadIn = false;
  for (const b of blocks) {
    if (b.section === 'excluded' || b.role === 'heading' || b.role === 'field') {
      leadIn = false;
      continue;
    }
    if (b.role === 'item' && (leadIn || b.section === 'questions')) {
      out.push({ text: b.text, citation: b.citation, segmentId: b.segmentId });
      continue;
    }
    if (b.role === 'item' && QUESTION_WORD.test(b.text) && b.text.includes('?')) {
      out.push({ text: b.text, citation: b.citation, segmentId: b.segmentId });
      continue;
    }
    // A list whose markers were lost (Word lists come as plain paragraphs) goes on while its
    // paragraphs are questions.
    if (b.role !== 'item' && !isQuestion(b.text)) leadIn = false;
    for (const s of sentences(b.text)) {
      if (isQuestion(s)) out.push({ text: s, citation: b.citation, segmentId: b.segmentId });
    }
    if (QUESTIONS_LEAD_IN.test(b.text)) leadIn = true;
  }
  return out;
}

// What the assignment is for: said of the consultancy itself, not of the organisation or a tool.
const OBJECTIVE = [
  /\b(?:this|the)\s+(?:consultancy|assignment|review|assessment|evaluation|study|consultant|mission)\b[^.]{0,40}?\b(?:seeks?|aims?|intends?|is intended|is expected|is to|are to|will(?!\s+(?:be|report|work)\b))\b/i,
  /\b(?:purpose|objective|aim|goal)s?\s+of\s+(?:this|the)\s+(?:consultancy|assignment|review|assessment|evaluation|study|work|mission)\b/i,
  /\bthrough\s+this\s+(?:consultancy|assignment)\b/i,
];

/** The objectives: the items (or first sentences) of an objectives section, and sentences anywhere that say what the assignment is for. */
export function extractObjectives(blocks: Block[]): TorText[] {
  const out: TorText[] = [];
  const add = (text: string, b: Block) => {
    if (!out.some((o) => overlap(o.text, text) > 0.6)) out.push({ text, citation: b.citation, segmentId: b.segmentId });
  };
  for (const b of blocks) {
    if (b.section === 'excluded' || b.role === 'heading' || b.role === 'field') continue;
    if (b.section === 'objectives') {
      add(b.role === 'item' ? b.text : sentences(b.text)[0]!, b);
      continue;
    }
    for (const s of sentences(b.text)) if (OBJECTIVE.some((re) => re.test(s))) add(s, b);
  }
  return out;
}

const SCOPE_LEAD_IN = /\b(?:include|includes|including|cover|covers|address|contain|comprise|following)\b[^:]*:\s*$/i;

/**
 * What the ToR says the work must cover: the items of a sub-list introduced by "… should
 * include, among others:" (the race-equality ToR's report contents a. to f.). Where the list
 * lost its markers (a Word list read as paragraphs), its items are the paragraphs after the
 * lead-in that start in lower case, as list items continuing a sentence do.
 */
export function extractScope(blocks: Block[]): Block[] {
  const out: Block[] = [];
  let list: { type: string; next: number } | null = null;
  blocks.forEach((b, i) => {
    const previous = blocks[i - 1];
    const unmarked = b.role === 'paragraph' && /^\p{Ll}/u.test(b.text);
    if (unmarked && previous && (list?.type === 'none' || (previous.role !== 'heading' && SCOPE_LEAD_IN.test(previous.text) && !QUESTIONS_LEAD_IN.test(previous.text)))) {
      out.push(b);
      list = { type: 'none', next: 0 };
      return;
    }
    if (b.role !== 'item' || !b.marker || b.section === 'excluded' || b.section === 'questions' || b.section === 'objectives') {
      list = null;
      return;
    }
    if (list && b.marker.type === list.type && (b.marker.type === 'bullet' || b.marker.value === list.next)) {
      out.push(b);
      list.next++;
      return;
    }
    list = null;
    if (previous && previous.role !== 'heading' && SCOPE_LEAD_IN.test(previous.text) && !QUESTIONS_LEAD_IN.test(previous.text)) {
      out.push(b);
      list = { type: b.marker.type, next: b.marker.value + 1 };
    }
  });
  return out;
}
