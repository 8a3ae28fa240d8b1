import { CITED_PARA, citeRow, type CitationColumns } from '../documents/citation.js';
import type { Db } from '../store/db.js';
import { isQuestion } from './text.js';

/** What a stretch of a terms of reference is about, from the heading above it. */
export type SectionKind = 'preamble' | 'background' | 'objectives' | 'activities' | 'deliverables' | 'questions' | 'timeline' | 'excluded' | 'other';

export type MarkerType = 'number' | 'letter' | 'roman' | 'bullet';

/** One heading, field, list item or paragraph of a ToR, with the section it falls in and where it is. */
export interface Block {
  text: string;
  role: 'heading' | 'field' | 'item' | 'paragraph';
  marker: { type: MarkerType; value: number } | null;
  section: SectionKind;
  heading: string | null;
  segmentId: number;
  citation: string;
}

interface SegmentRow extends CitationColumns {
  id: number;
  text: string;
}

// Order matters: "Performance indicators for evaluation of results" is about the consultant's
// appraisal, not the evaluation; "Scope of work" is work, "Context and scope" background.
const SECTION_RULES: [SectionKind, RegExp][] = [
  ['excluded', /qualification|competenc|\bexperience\b|\bskills?\b|education|\blanguages?\b|how to apply|\bapplication|eligib|requirements?\b|\bvalues\b|\bfees?\b|posting|remuneration|payment|selection (criteria|process)|evaluation criteria|submission of|performance indicators|evaluation of results|\bcontacts?\b|disclaimer|equal opportunit|further information|apply now/i],
  ['questions', /\bquestions?\b/i],
  ['deliverables', /deliverables?|^(?:expected\s+|key\s+)?outputs?$|outputs? of the (?:work|assignment|consultancy)|measurable outputs|expected (?:results|products)|milestones|reporting requirements/i],
  ['activities', /responsibilit|functions|\btasks?\b|activities|scope of (the )?(work|services|assignment)|\bduties\b|methodology|\bapproach\b|work ?plan|what .{0,20} will do/i],
  ['objectives', /objectives?|purpose|\baims?\b|\bgoals?\b|nature of the (consultancy|assignment|work)|overview of the (consultancy|assignment)|\bmandate\b/i],
  ['timeline', /timeline|time ?frame|duration|schedule|period of (performance|the assignment)|calendar/i],
  ['background', /background|context|introduction|\babout\b|rationale|justification/i],
];

/** The kind of section a heading opens; null when its words say nothing (a sub-heading). */
export function sectionOf(heading: string): SectionKind | null {
  for (const [kind, re] of SECTION_RULES) if (re.test(heading)) return kind;
  return null;
}

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x'];
const MARKER = /^\s*(?:\(?(\d{1,2})[.)]|\(([ivx]{1,4})\)|\(?([a-z])[.)]|([•▪◦·‣∙*–—-]))\s+(?=\S)/;

/** The list marker a line starts with, if any, and the text after it. */
function leadingMarker(text: string, previous: Block['marker']): { marker: Block['marker']; rest: string } {
  const m = MARKER.exec(text);
  if (!m) return { marker: null, rest: text };
  const rest = text.slice(m[0].length);
  if (m[1]) return { marker: { type: 'number', value: Number(m[1]) }, rest };
  if (m[2]) return { marker: { type: 'roman', value: ROMAN.indexOf(m[2]) + 1 || 1 }, rest };
  if (m[3]) {
    const letter = m[3].charCodeAt(0) - 96;
    // "i." continues a lettered list after "h."; elsewhere it is a roman one.
    if (ROMAN.includes(m[3]) && !(previous?.type === 'letter' && previous.value === letter - 1)) return { marker: { type: 'roman', value: ROMAN.indexOf(m[3]) + 1 }, rest };
    return { marker: { type: 'letter', value: letter }, rest };
  }
  return { marker: { type: 'bullet', value: 0 }, rest };
}

const markerText = (type: MarkerType, value: number) => (type === 'number' ? String(value) : type === 'letter' ? String.fromCharCode(96 + value) : ROMAN[value - 1] ?? '');

/**
 * Splits a paragraph that runs list items together ("1. Present the report; and 2. Conduct …",
 * "include, among others: a. definitions …") at the next marker of the same list, or at a new
 * list opened after a colon.
 */
function splitInline(text: string): string[] {
  const pieces: string[] = [];
  let rest = text;
  let current = leadingMarker(text, null).marker;
  for (;;) {
    const next = current && current.type !== 'bullet' ? markerText(current.type, current.value + 1) : null;
    const sources = [`:\\s+\\(?(?:a|1|i)[.)]\\s+(?=\\S)`];
    if (next) sources.push(`[;:,.]\\s+(?:and\\s+|or\\s+)?\\(?${next}[.)]\\s+(?=\\S)`);
    const m = new RegExp(sources.join('|')).exec(rest);
    if (!m) break;
    const cut = m.index + 1; // the punctuation stays with the piece it ends
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim().replace(/^(?:and|or)\s+/, '');
    current = leadingMarker(rest, current).marker;
  }
  pieces.push(rest.trim());
  return pieces.filter(Boolean);
}

const FIELD = /^([A-Z][\w /&()'’-]{1,40}?)\s*:\s+(\S.{0,160})$/;

function role(text: string, marker: Block['marker']): Block['role'] {
  const words = text.split(/\s+/).length;
  const terminal = /[.!?;,]["'”’)]*$/.test(text);
  if (marker) {
    // Numbered headings ("2. Objectives") are headings, not list items.
    if (marker.type === 'number' && words <= 8 && !terminal && sectionOf(text)) return 'heading';
    return 'item';
  }
  if (FIELD.test(text) && FIELD.exec(text)![1]!.split(/\s+/).length <= 6) return 'field';
  if (words <= 13 && text.length <= 110 && !terminal && !isQuestion(text) && /^[\p{Lu}\d]/u.test(text)) return 'heading';
  return 'paragraph';
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The ToR as blocks in reading order: each segment is split into its lines that start list items
 * and into list items run together, each block classed (heading, field, item, paragraph) and put
 * in the section its nearest heading names. A heading whose words name no section is a
 * sub-heading: it keeps the section of work, deliverables, questions or exclusions it is in.
 */
export function torBlocks(db: Db, documentId: number): Block[] {
  const rows = db.sql
    .prepare(
      `SELECT s.id, s.page, ${CITED_PARA}, s.text, d.title, d.year, d.format, d.page_count FROM segments s JOIN documents d ON d.id = s.document_id
       WHERE s.document_id = ? ORDER BY s.seq`,
    )
    .all(documentId) as SegmentRow[];
  const blocks: Block[] = [];
  let section: SectionKind = 'preamble';
  let heading: string | null = null;
  let previous: Block['marker'] = null;
  for (const row of rows) {
    const citation = citeRow(row);
    const lines = row.text.split(/\n(?=\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\)|[•▪◦·‣∙*–—-])\s)/);
    for (const line of lines) {
      for (const piece of splitInline(clean(line))) {
        const { marker, rest } = leadingMarker(piece, previous);
        const text = clean(marker ? rest : piece);
        if (!text) continue;
        const r = role(text, marker);
        if (r === 'heading') {
          const kind = sectionOf(text);
          section = kind ?? (['activities', 'deliverables', 'questions', 'excluded'].includes(section) ? section : 'other');
          heading = text.replace(/:$/, '');
        }
        if (marker) previous = marker;
        blocks.push({ text, role: r, marker: r === 'item' ? marker : null, section, heading, segmentId: row.id, citation });
      }
    }
  }
  return blocks;
}
