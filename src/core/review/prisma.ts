import type { Db } from '../store/db.js';
import { finalDecisions } from './screening.js';
import { xmlText } from '../render/escape.js';

/** The boxes of the PRISMA 2020 flow diagram for new systematic reviews (databases and registers). */
export interface PrismaCounts {
  identified: { source: string; records: number }[];
  identifiedTotal: number;
  duplicatesRemoved: number;
  screened: number;
  excludedAtScreening: number;
  awaitingScreening: number;
  soughtForRetrieval: number;
  notRetrieved: number;
  assessedForEligibility: number;
  excludedWithReasons: { reason: string; reports: number }[];
  included: number;
}

/** Computes every PRISMA 2020 box from the project's records and screening decisions. */
export function prismaCounts(db: Db): PrismaCounts {
  const identified = db.sql.prepare('SELECT s.name AS source, count(r.id) AS records FROM record_sources s LEFT JOIN records r ON r.source_id = s.id GROUP BY s.name ORDER BY s.name').all() as { source: string; records: number }[];
  const unique = db.sql.prepare('SELECT id, document_id FROM records WHERE duplicate_of IS NULL').all() as { id: number; document_id: number | null }[];
  const ta = finalDecisions(db, 'title-abstract');
  const ft = finalDecisions(db, 'full-text');
  const screened = unique.filter((r) => ta.has(r.id));
  const sought = screened.filter((r) => ta.get(r.id) === 'include' || ta.get(r.id) === 'maybe');
  const assessed = sought.filter((r) => ft.has(r.id) && ft.get(r.id) !== 'conflict' && ft.get(r.id) !== 'maybe');
  const reasons = db.sql
    .prepare(`SELECT coalesce(reason, 'no reason given') AS reason, count(DISTINCT record_id) AS reports FROM screening
      WHERE stage = 'full-text' AND decision = 'exclude' GROUP BY 1 ORDER BY 2 DESC, 1`)
    .all() as { reason: string; reports: number }[];
  return {
    identified,
    identifiedTotal: identified.reduce((a, s) => a + s.records, 0),
    duplicatesRemoved: db.sql.prepare('SELECT count(*) FROM records WHERE duplicate_of IS NOT NULL').pluck().get() as number,
    screened: screened.length,
    excludedAtScreening: screened.filter((r) => ta.get(r.id) === 'exclude').length,
    awaitingScreening: unique.length - screened.length,
    soughtForRetrieval: sought.length,
    notRetrieved: sought.filter((r) => !ft.has(r.id) && r.document_id === null).length,
    assessedForEligibility: assessed.length,
    excludedWithReasons: reasons,
    included: assessed.filter((r) => ft.get(r.id) === 'include').length,
  };
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
  const y3 = y2 + 70;
  const y4 = y3 + 70;
  const exLines = ['Reports excluded:', ...c.excludedWithReasons.map((r) => `  ${r.reason} (n = ${r.reports})`)];
  const exH = Math.max(56, exLines.length * lineH + 20);
  const y5 = y4 + Math.max(exH, 56) + 40;
  const H = y5 + 90;
  const lx = 50;
  const rx = lx + boxW + 40;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<defs><marker id="a" markerWidth="10" markerHeight="7" refX="10" refY="3.5" orient="auto"><polygon points="0 0, 10 3.5, 0 7" fill="#333"/></marker></defs>`,
    `<title>PRISMA 2020 flow diagram</title>`,
    phase(y1, idH, 'Identification'),
    phase(y2, y4 + exH - y2, 'Screening'),
    phase(y5, 56, 'Included'),
    box(lx, y1, idLines, idH),
    box(rx, y1, ['Records removed before screening:', `  Duplicate records (n = ${c.duplicatesRemoved})`], idH),
    arrow(lx + boxW, y1 + idH / 2, rx, y1 + idH / 2),
    arrow(lx + boxW / 2, y1 + idH, lx + boxW / 2, y2),
    box(lx, y2, [`Records screened (n = ${c.screened})`, ...(c.awaitingScreening ? [`  awaiting screening (n = ${c.awaitingScreening})`] : [])]),
    box(rx, y2, [`Records excluded (n = ${c.excludedAtScreening})`]),
    arrow(lx + boxW, y2 + 28, rx, y2 + 28),
    arrow(lx + boxW / 2, y2 + 56, lx + boxW / 2, y3),
    box(lx, y3, [`Reports sought for retrieval (n = ${c.soughtForRetrieval})`]),
    box(rx, y3, [`Reports not retrieved (n = ${c.notRetrieved})`]),
    arrow(lx + boxW, y3 + 28, rx, y3 + 28),
    arrow(lx + boxW / 2, y3 + 56, lx + boxW / 2, y4),
    box(lx, y4, [`Reports assessed for eligibility (n = ${c.assessedForEligibility})`]),
    box(rx, y4, exLines, exH),
    arrow(lx + boxW, y4 + 28, rx, y4 + 28),
    arrow(lx + boxW / 2, y4 + 56, lx + boxW / 2, y5),
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
    `  scr[${q(`Records screened (n = ${c.screened})`)}]`,
    `  exs[${q(`Records excluded (n = ${c.excludedAtScreening})`)}]`,
    `  sou[${q(`Reports sought for retrieval (n = ${c.soughtForRetrieval})`)}]`,
    `  nre[${q(`Reports not retrieved (n = ${c.notRetrieved})`)}]`,
    `  ass[${q(`Reports assessed for eligibility (n = ${c.assessedForEligibility})`)}]`,
    `  exr[${q(`Reports excluded (n = ${c.excludedWithReasons.reduce((a, r) => a + r.reports, 0)})<br/>${c.excludedWithReasons.map((r) => `${r.reason} (n = ${r.reports})`).join('<br/>')}`)}]`,
    `  inc[${q(`Studies included in review (n = ${c.included})`)}]`,
    '  id --> dup',
    '  id --> scr --> sou --> ass --> inc',
    '  scr --> exs',
    '  sou --> nre',
    '  ass --> exr',
  ].join('\n');
}
