import { stringify } from 'csv-stringify/sync';
import type { PrismaCounts } from './prisma.js';

// The rows of the PRISMA2020 R package's template (inst/extdata/PRISMA.csv, read by
// PRISMA_data() and by its Shiny app): data key, node, box, description, box text, tooltip, url.
// Keys, nodes and boxes are the package's; the numbers go in the last column, n.
const TEMPLATE: [string, string, string, string][] = [
  ['NA', 'node4', 'prevstud', 'Previous studies'],
  ['previous_studies', 'node5', 'box1', 'Studies included in previous version of review'],
  ['previous_reports', 'NA', 'box1', 'Reports of studies included in previous version of review'],
  ['NA', 'node6', 'newstud', 'Identification of new studies via databases and registers'],
  ['database_results', 'node7', 'box2', 'Databases'],
  ['database_specific_results', 'NA', 'box2', 'Specific databases'],
  ['register_results', 'NA', 'box2', 'Registers'],
  ['register_specific_results', 'NA', 'box2', 'Specific registers'],
  ['NA', 'node16', 'othstud', 'Identification of new studies via other methods'],
  ['website_results', 'node17', 'box11', 'Websites'],
  ['organisation_results', 'NA', 'box11', 'Organisations'],
  ['citations_results', 'NA', 'box11', 'Citation searching'],
  ['duplicates', 'node8', 'box3', 'Duplicate records'],
  ['excluded_automatic', 'NA', 'box3', 'Records marked as ineligible by automation tools'],
  ['excluded_other', 'NA', 'box3', 'Records removed for other reasons'],
  ['records_screened', 'node9', 'box4', 'Records screened'],
  ['records_excluded', 'node10', 'box5', 'Records excluded'],
  ['dbr_sought_reports', 'node11', 'box6', 'Reports sought for retrieval'],
  ['dbr_notretrieved_reports', 'node12', 'box7', 'Reports not retrieved'],
  ['other_sought_reports', 'node18', 'box12', 'Reports sought for retrieval'],
  ['other_notretrieved_reports', 'node19', 'box13', 'Reports not retrieved'],
  ['dbr_assessed', 'node13', 'box8', 'Reports assessed for eligibility'],
  ['dbr_excluded', 'node14', 'box9', 'Reports excluded'],
  ['other_assessed', 'node20', 'box14', 'Reports assessed for eligibility'],
  ['other_excluded', 'node21', 'box15', 'Reports excluded'],
  ['new_studies', 'node15', 'box10', 'New studies included in review'],
  ['new_reports', 'NA', 'box10', 'Reports of new included studies'],
  ['total_studies', 'node22', 'box16', 'Total studies included in review'],
  ['total_reports', 'NA', 'box16', 'Reports of total included studies'],
  ['identification', 'node1', 'identification', 'Identification'],
  ['screening', 'node2', 'screening', 'Screening'],
  ['included', 'node3', 'included', 'Included'],
];

/** "Name, n; Name, n": the package's form for lists of sources and of exclusion reasons (commas and semicolons in names would split them). */
const list = (items: { name: string; n: number }[]) => items.map((i) => `${i.name.replace(/[,;]/g, ' ').replace(/\s+/g, ' ').trim()}, ${i.n}`).join('; ');

// A spreadsheet would run a cell starting with = + - @ as a formula.
const cell = (v: string | number) => (typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v);

/**
 * The flow as the CSV the PRISMA2020 R package and Shiny app read (`PRISMA_data(read.csv(...))`):
 * every source litkit imports is a database; studies and reports are counted alike (one record,
 * one report); other methods and previous versions are 0.
 */
export function prisma2020Csv(c: PrismaCounts): string {
  const n: Record<string, string | number> = {
    database_results: c.identifiedTotal,
    database_specific_results: list(c.identified.map((s) => ({ name: s.source, n: s.records }))),
    register_specific_results: '',
    duplicates: c.duplicatesRemoved,
    records_screened: c.screened,
    records_excluded: c.excludedAtScreening,
    dbr_sought_reports: c.soughtForRetrieval,
    dbr_notretrieved_reports: c.notRetrieved,
    dbr_assessed: c.assessedForEligibility,
    dbr_excluded: list(c.excludedWithReasons.map((r) => ({ name: r.reason, n: r.reports }))),
    other_excluded: '',
    new_studies: c.included,
    new_reports: c.included,
    total_studies: c.included,
    total_reports: c.included,
  };
  const rows = TEMPLATE.map(([data, node, box, label]) => [data, node, box, label, label, data === 'NA' ? label : 'NA', 'NA', cell(n[data] ?? 0)]);
  return stringify([['data', 'node', 'box', 'description', 'boxtext', 'tooltips', 'url', 'n'], ...rows]);
}
