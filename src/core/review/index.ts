/** Systematic review: records, de-duplication, screening with prioritisation, PRISMA 2020. */
export { importRecords } from './import.js';
export type { ImportResult, RecordFormat } from './import.js';
export { parseRis } from './ris.js';
export { parseTabular } from './tabular.js';
export type { ColumnMap } from './tabular.js';
export { dedupe, undoDedupe } from './dedupe.js';
export type { DedupeReport, DuplicateGroup } from './dedupe.js';
export { decide, nextRecord, conflicts, importDecisions, finalDecisions, exclusionReasons, undoLast, STAGES, DECISIONS } from './screening.js';
export type { Stage, Decision, NextRecord, Conflict, RecordSummary } from './screening.js';
export { simulate, prioritise, features, recordText, RelevanceModel, seeded } from './prioritise.js';
export type { SimulationResult } from './prioritise.js';
export { prismaCounts, prismaSvg, prismaMermaid } from './prisma.js';
export type { PrismaCounts } from './prisma.js';
export { readForm, setForm, currentForm, setValue, studyValues, importValues, includedStudies } from './extraction.js';
export type { ExtractionForm, StudyRow } from './extraction.js';
export { attach, linkRecords } from './link.js';
export { parseMedline } from './medline.js';
