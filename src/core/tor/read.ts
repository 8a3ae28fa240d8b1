import { getDocument } from '../documents/read.js';
import { citeDocument } from '../documents/citation.js';
import type { Db } from '../store/db.js';
import { ExitCode, LitkitError } from '../../errors.js';
import { extractActivities, type Activity } from './activities.js';
import { torBlocks, type Block } from './blocks.js';
import { extractDeliverables, isDueLine, type Deliverable } from './deliverables.js';
import { extractObjectives, extractQuestions, extractScope, type TorText } from './questions.js';
import { sentences } from './text.js';
import { extractTimeline, type Timeline } from './timeline.js';

/** What a terms of reference asks for, each item cited to its place in the ToR. */
export interface Tor {
  document: { id: number; title: string; citation: string };
  /** The assignment as the ToR names it ("External Review of Race Equality and Equity in IOM"). */
  assignment: string;
  /** The organisation that issued it, when its first lines name one. */
  organisation: string | null;
  objectives: TorText[];
  questions: TorText[];
  /** What the work must cover, when the ToR lists it ("The document should include: a. … f. …"). */
  scope: TorText[];
  activities: Activity[];
  deliverables: Deliverable[];
  timeline: Timeline;
}

/** A document that holds no terms of reference litkit can read: exit 2, as a wrong argument. */
export class TorError extends LitkitError {
  constructor(file: string, message: string) {
    super('E_NOT_TOR', message, ExitCode.usage, file);
    this.name = 'TorError';
  }
}

const ORGANISATION = /\b(?:organi[sz]ation|agency|office|programme|program|fund|ministry|bank|commission|council|institute|secretariat|foundation|association|united nations|university|department)\b/i;
const ASSIGNMENT = /consultan|terms of reference|\breview\b|assessment|evaluation|\bstudy\b/i;
const TITLE_FIELD = /^(?:position title|title of (?:the )?(?:assignment|consultancy|position)|assignment(?: title)?|project title|consultancy title)\s*:\s*(.+)$/i;

function cleanAssignment(text: string, organisation: string | null): string {
  let t = text.replace(/^(?:consultant|consultancy|terms of reference(?:\s+for)?|tor)\s*[-–—:]\s*/i, '').replace(/\s*[,–—-]\s*home[- ]?based$/i, '');
  if (organisation) t = t.replace(new RegExp(`\\s+(?:at|for|with)\\s+(?:the\\s+)?${organisation.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i'), '');
  return t.trim();
}

/** The issuing organisation and the assignment's name, from the ToR's first headings and fields. */
function heading(blocks: Block[], fallback: string): { organisation: string | null; assignment: string } {
  const top = blocks.slice(0, 10).filter((b) => b.role === 'heading' || b.role === 'field');
  let organisation: string | null = null;
  for (const b of top) {
    const at = /\s(?:at|for)\s+((?:the\s+)?[\p{Lu}][^,;:]*)$/u.exec(b.text);
    if (b.role === 'heading' && ORGANISATION.test(b.text) && !ASSIGNMENT.test(b.text)) organisation ??= b.text;
    else if (at && ORGANISATION.test(at[1]!)) organisation ??= at[1]!;
  }
  const field = top.map((b) => TITLE_FIELD.exec(b.text)).find(Boolean);
  const named = top.find((b) => b.role === 'heading' && ASSIGNMENT.test(b.text));
  return { organisation, assignment: cleanAssignment(field?.[1] ?? named?.text ?? fallback, organisation) };
}

const MODAL_TASK = /\b(?:will|shall|must|is expected to|are expected to|is required to)\b/i;
// Words only terms of reference (and job descriptions for consultants) use of themselves.
const TOR_SIGNAL = /\bterms of reference\b|\bconsultan(?:t|ts|cy)\b|\bscope of (?:work|services)\b|\bdeliverables?\b|\bjob description\b|\bthe (?:evaluators?|evaluation team|contractor|service provider)\b/i;

/**
 * The ToR's tasks: list items and paragraphs of its work and deliverables sections; and,
 * elsewhere, sentences that say what will be done ("The consultant will conduct 20 interviews"),
 * from which only counted activities are taken.
 */
function tasks(blocks: Block[], skip: Set<Block>): { listed: Block[]; said: Block[] } {
  const listed: Block[] = [];
  const said: Block[] = [];
  for (const b of blocks) {
    if (skip.has(b) || b.role === 'heading' || b.role === 'field' || b.section === 'excluded' || isDueLine(b)) continue;
    if (b.section === 'activities' || b.section === 'deliverables') listed.push(b);
    else for (const s of sentences(b.text)) if (MODAL_TASK.test(s)) said.push({ ...b, text: s });
  }
  return { listed, said };
}

/**
 * Reads a document of the project as terms of reference: objectives, questions, scope,
 * activities with their counts, deliverables with due dates, duration and start. Throws
 * TorError when the document has no such structure: fewer than two passages that speak of a
 * consultancy, its terms of reference or deliverables; fewer than two tasks listed under work or
 * deliverables headings (or deliverables); or fewer than two of objectives, questions,
 * activities, deliverables and a timeline.
 */
export function readTor(db: Db, documentId: number): Tor {
  const doc = getDocument(db, documentId);
  const blocks = torBlocks(db, documentId);
  const questions = extractQuestions(blocks);
  const questionSegments = new Set(questions.map((q) => q.segmentId));
  const scopeBlocks = extractScope(blocks);
  const skip = new Set([...scopeBlocks, ...blocks.filter((b) => questionSegments.has(b.segmentId) && questions.some((q) => q.text === b.text))]);
  const work = tasks(blocks, skip);
  const listed = extractActivities(work.listed);
  const activities = [...listed, ...extractActivities(work.said).filter((a) => a.count !== null && !listed.some((l) => l.kind === a.kind))];
  const deliverables = extractDeliverables(blocks, skip);
  const objectives = extractObjectives(blocks);
  const timeline = extractTimeline(blocks);
  const found = [objectives.length, questions.length, activities.length, deliverables.length, timeline.duration || timeline.start || timeline.startText ? 1 : 0].filter((n) => n > 0).length;
  const signals = blocks.filter((b) => b.section !== 'excluded' && TOR_SIGNAL.test(b.text)).length;
  if (signals < 2 || work.listed.length + deliverables.length < 2 || found < 2) {
    throw new TorError(
      doc.sourcePath,
      `document ${doc.id} ("${doc.title}") has no recognisable terms of reference (${work.listed.length} listed tasks, ${deliverables.length} deliverables, ${questions.length} questions, ${objectives.length} objectives, ${signals} mentions of a consultancy or its deliverables); give the id of the ToR (see \`litkit docs list\`)`,
    );
  }
  return {
    document: { id: doc.id, title: doc.title, citation: citeDocument(doc) },
    ...heading(blocks, doc.title),
    objectives,
    questions,
    scope: scopeBlocks.map((b) => ({ text: b.text, citation: b.citation, segmentId: b.segmentId })),
    activities,
    deliverables,
    timeline,
  };
}
