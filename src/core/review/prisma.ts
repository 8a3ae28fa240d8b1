import type { Db } from '../store/db.js';
import { isFinal, isForward, NOT_RETRIEVED, stageRecords, stageStatuses, type StageStatus } from './status.js';
import { xmlText } from '../render/escape.js';

/** Records held up at a stage: each is in no box below it until someone decides. */
export interface Pending {
  /** Reviewers disagree and no reconciling decision (`screen resolve`) has been made. */
  conflicts: number;
  /** Fewer reviewers than double screening asks for have decided. */
  awaitingReviewer: number;
  /** Full text: a reviewer marked it maybe. */
  undecided: number;
  /** No reviewer has decided yet. */
  notStarted: number;
}

/**
 * The boxes of the PRISMA 2020 flow diagram for new systematic reviews (databases and registers),
 * counting final decisions only (see `stageStatuses`), so that the boxes add up:
 * identified − duplicates = screened + screening pending; screened − excluded = sought;
 * sought = not retrieved + assessed + assessment pending; assessed − excluded with reasons = included.
 */
export interface PrismaCounts {
  identified: { source: string; records: number }[];
  identifiedTotal: number;
  duplicatesRemoved: number;
  screened: number;
  excludedAtScreening: number;
  /** Records without a final title-abstract decision (the sum of `screeningPending`). */
  awaitingScreening: number;
  screeningPending: Pending;
  soughtForRetrieval: number;
  notRetrieved: number;
  assessedForEligibility: number;
  /** Reports without a final full-text decision (the sum of `assessmentPending`). */
  awaitingAssessment: number;
  assessmentPending: Pending;
  excludedWithReasons: { reason: string; reports: number }[];
  included: number;
  /** Conflicts at either stage that no reconciling decision has settled: `prisma --strict` refuses while there are any. */
  unresolvedConflicts: number;
}

function pending(ids: number[], statuses: Map<number, StageStatus>): Pending {
  const p: Pending = { conflicts: 0, awaitingReviewer: 0, undecided: 0, notStarted: 0 };
  for (const id of ids) {
    const s = statuses.get(id);
    if (!s) p.notStarted++;
    else if (s.state === 'conflict') p.conflicts++;
    else if (s.state === 'awaiting-reviewer') p.awaitingReviewer++;
    else if (s.state === 'undecided') p.undecided++;
  }
  return p;
}

const total = (p: Pending) => p.conflicts + p.awaitingReviewer + p.undecided + p.notStarted;

/** Computes every PRISMA 2020 box from the project's records and final screening decisions. */
export function prismaCounts(db: Db): PrismaCounts {
  const identified = db.sql.prepare('SELECT s.name AS source, count(r.id) AS records FROM record_sources s LEFT JOIN records r ON r.source_id = s.id GROUP BY s.name ORDER BY s.name').all() as { source: string; records: number }[];
  const unique = stageRecords(db, 'title-abstract');
  const ta = stageStatuses(db, 'title-abstract');
  const ft = stageStatuses(db, 'full-text');
  const screened = unique.filter((id) => isFinal(ta.get(id)));
  const sought = screened.filter((id) => isForward(ta.get(id)));
  const ftFinal = sought.filter((id) => isFinal(ft.get(id)));
  const notRetrieved = ftFinal.filter((id) => ft.get(id)!.state === 'exclude' && NOT_RETRIEVED.test(reasonOf(ft.get(id))));
  const assessed = ftFinal.filter((id) => !notRetrieved.includes(id));
  const reasons = new Map<string, number>();
  for (const id of assessed) {
    const s = ft.get(id)!;
    if (s.state === 'exclude') reasons.set(reasonOf(s) || 'no reason given', (reasons.get(reasonOf(s) || 'no reason given') ?? 0) + 1);
  }
  const screeningPending = pending(unique.filter((id) => !isFinal(ta.get(id))), ta);
  const assessmentPending = pending(sought.filter((id) => !isFinal(ft.get(id))), ft);
  return {
    identified,
    identifiedTotal: identified.reduce((a, s) => a + s.records, 0),
    duplicatesRemoved: db.sql.prepare('SELECT count(*) FROM records WHERE duplicate_of IS NOT NULL').pluck().get() as number,
    screened: screened.length,
    excludedAtScreening: screened.filter((id) => ta.get(id)!.state === 'exclude').length,
    awaitingScreening: total(screeningPending),
    screeningPending,
    soughtForRetrieval: sought.length,
    notRetrieved: notRetrieved.length,
    assessedForEligibility: assessed.length,
    awaitingAssessment: total(assessmentPending),
    assessmentPending,
    excludedWithReasons: [...reasons].map(([reason, reports]) => ({ reason, reports })).sort((a, b) => b.reports - a.reports || a.reason.localeCompare(b.reason)),
    included: assessed.filter((id) => ft.get(id)!.state === 'include').length,
    unresolvedConflicts: screeningPending.conflicts + assessmentPending.conflicts,
  };
}

const reasonOf = (s: StageStatus | undefined) => (s && 'reason' in s ? (s.reason ?? '').trim() : '');

/** The lines that say what is still held up at a stage, for every writer of the flow. */
export function pendingLines(p: Pending, stage: 'screening' | 'assessment'): string[] {
  return [
    p.conflicts ? `${p.conflicts} unresolved conflict${p.conflicts === 1 ? '' : 's'}` : '',
    p.awaitingReviewer ? `${p.awaitingReviewer} awaiting a second reviewer` : '',
    p.undecided ? `${p.undecided} marked maybe` : '',
    p.notStarted ? `${p.notStarted} ${stage === 'screening' ? 'not yet screened' : 'not yet assessed'}` : '',
  ].filter(Boolean);
}

const esc = (s: string) => xmlText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The PRISMA 2020 flow diagram as SVG, in its standard layout: four phases down, exclusions right. */
export function prismaSvg(c: PrismaCounts): string {
  const W = 760;
  const boxW = 330;
  const lineH = 17;
  const box = (x: number, y: number, lines: string[], h = Math.max(56, lines.length * lineH + 20)) =>
    `<rect x="${x}" y="${y}" width="${boxW}" height="${h}" fill="#fff" stroke="#333"/>` +
    lines.map((l, i) => `<text x="${x + 10}" y="${y + 22 + i * lineH}" font-size="13" font-family="Helvetica, Arial, sans-serif">${esc(l)}</text>`).join('');
  const arrow = (x1: number, y1: number, x2: number, y2: number) => `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#333" marker-end="url(#a)"/>`;
  const phase = (y: number, h: number, label: string) =>
    `<rect x="0" y="${y}" width="30" height="${h}" fill="#cfe2f3" stroke="#333"/><text transform="translate(20 ${y + h / 2}) rotate(-90)" text-anchor="middle" font-size="13" font-weight="bold" font-family="Helvetica, Arial, sans-serif">${label}</text>`;
  const idLines = ['Records identified from databases', ...c.identified.map((s) => `  ${s.source} (n = ${s.records})`), `Total (n = ${c.identifiedTotal})`];
  const idH = Math.max(56, idLines.length * lineH + 20);
  const y1 = 20;
  const y2 = y1 + idH + 40;
  const scrLines = [`Records screened (n = ${c.screened})`, ...pendingLines(c.screeningPending, 'screening').map((l) => `  pending: ${l}`)];
  const scrH = Math.max(56, scrLines.length * lineH + 20);
  const y3 = y2 + scrH + 14;
  const y4 = y3 + 70;
  const assLines = [`Reports assessed for eligibility (n = ${c.assessedForEligibility})`, ...pendingLines(c.assessmentPending, 'assessment').map((l) => `  pending: ${l}`)];
  const assH = Math.max(56, assLines.length * lineH + 20);
  const exLines = ['Reports excluded:', ...c.excludedWithReasons.map((r) => `  ${r.reason} (n = ${r.reports})`)];
  const exH = Math.max(56, exLines.length * lineH + 20);
  const y5 = y4 + Math.max(exH, assH) + 40;
  const H = y5 + 90;
  const lx = 50;
  const rx = lx + boxW + 40;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<defs><marker id="a" markerWidth="10" markerHeight="7" refX="10" refY="3.5" orient="auto"><polygon points="0 0, 10 3.5, 0 7" fill="#333"/></marker></defs>`,
    `<title>PRISMA 2020 flow diagram</title>`,
    phase(y1, idH, 'Identification'),
    phase(y2, y4 + Math.max(exH, assH) - y2, 'Screening'),
    phase(y5, 56, 'Included'),
    box(lx, y1, idLines, idH),
    box(rx, y1, ['Records removed before screening:', `  Duplicate records (n = ${c.duplicatesRemoved})`], idH),
    arrow(lx + boxW, y1 + idH / 2, rx, y1 + idH / 2),
    arrow(lx + boxW / 2, y1 + idH, lx + boxW / 2, y2),
    box(lx, y2, scrLines, scrH),
    box(rx, y2, [`Records excluded (n = ${c.excludedAtScreening})`]),
    arrow(lx + boxW, y2 + 28, rx, y2 + 28),
    arrow(lx + boxW / 2, y2 + scrH, lx + boxW / 2, y3),
    box(lx, y3, [`Reports sought for retrieval (n = ${c.soughtForRetrieval})`]),
    box(rx, y3, [`Reports not retrieved (n = ${c.notRetrieved})`]),
    arrow(lx + boxW, y3 + 28, rx, y3 + 28),
    arrow(lx + boxW / 2, y3 + 56, lx + boxW / 2, y4),
    box(lx, y4, assLines, assH),
    box(rx, y4, exLines, exH),
    arrow(lx + boxW, y4 + 28, rx, y4 + 28),
    arrow(lx + boxW / 2, y4 + assH, lx + boxW / 2, y5),
    box(lx, y5, [`Studies included in review (n = ${c.included})`]),
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}

/** The flow as a Mermaid flowchart, for Markdown renderers that draw it. */
export function prismaMermaid(c: PrismaCounts): string {
  const q = (s: string) => `"${s.replace(/"/g, "'")}"`;
  return [
    'flowchart TD',
    `  id[${q(`Records identified from databases (n = ${c.identifiedTotal})<br/>${c.identified.map((s) => `${s.source} (n = ${s.records})`).join('<br/>')}`)}]`,
    `  dup[${q(`Duplicate records removed (n = ${c.duplicatesRemoved})`)}]`,
    `  scr[${q([`Records screened (n = ${c.screened})`, ...pendingLines(c.screeningPending, 'screening')].join('<br/>'))}]`,
    `  exs[${q(`Records excluded (n = ${c.excludedAtScreening})`)}]`,
    `  sou[${q(`Reports sought for retrieval (n = ${c.soughtForRetrieval})`)}]`,
    `  nre[${q(`Reports not retrieved (n = ${c.notRetrieved})`)}]`,
    `  ass[${q([`Reports assessed for eligibility (n = ${c.assessedForEligibility})`, ...pendingLines(c.assessmentPending, 'assessment')].join('<br/>'))}]`,
    `  exr[${q(`Reports excluded (n = ${c.excludedWithReasons.reduce((a, r) => a + r.reports, 0)})<br/>${c.excludedWithReasons.map((r) => `${r.reason} (n = ${r.reports})`).join('<br/>')}`)}]`,
    `  inc[${q(`Studies included in review (n = ${c.included})`)}]`,
    '  id --> dup',
    '  id --> scr --> sou --> ass --> inc',
    '  scr --> exs',
    '  sou --> nre',
    '  ass --> exr',
  ].join('\n');
}
