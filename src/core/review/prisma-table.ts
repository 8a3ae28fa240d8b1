import { toMarkdown, type Table } from '../tables/index.js';
import { pendingLines, type PrismaCounts } from './prisma.js';

/** The PRISMA 2020 flow as a two-column table (box, n), pending records as lines of their own, never counted in a box. */
export function prismaTable(c: PrismaCounts): Table {
  const rows: [string, string | number][] = [
    ...c.identified.map((s): [string, number] => [`Records identified: ${s.source}`, s.records]),
    ['Records identified (total)', c.identifiedTotal],
    ['Duplicate records removed', c.duplicatesRemoved],
    ['Records screened', c.screened],
    ...pendingLines(c.screeningPending, 'screening').map((l): [string, string] => ['Records pending (not in the flow yet)', l]),
    ['Records excluded', c.excludedAtScreening],
    ['Reports sought for retrieval', c.soughtForRetrieval],
    ['Reports not retrieved', c.notRetrieved],
    ['Reports assessed for eligibility', c.assessedForEligibility],
    ...pendingLines(c.assessmentPending, 'assessment').map((l): [string, string] => ['Reports pending (not in the flow yet)', l]),
    ...c.excludedWithReasons.map((r): [string, number] => [`Reports excluded: ${r.reason}`, r.reports]),
    ['Studies included in review', c.included],
  ];
  return { columns: [{ label: 'PRISMA 2020', kind: 'text' }, { label: 'n', kind: 'number' }], rows };
}

/** The PRISMA 2020 flow as a Markdown table; source names and exclusion reasons are escaped. */
export function prismaMarkdown(c: PrismaCounts): string {
  return toMarkdown(prismaTable(c));
}
