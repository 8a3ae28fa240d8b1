/** Interoperability: REFI-QDA projects (QDPX) and codebooks (QDC) both ways, merging coders' projects, JSON Lines. */
import type { Db } from '../store/db.js';
import { applyIncoming, type ApplyReport } from './apply.js';
import { mapQdpx } from './qda-map.js';
import { readQdpx } from './qdpx-read.js';

export { exportQdpx } from './qdpx-export.js';
export type { QdpxExportOptions, QdpxExportReport } from './qdpx-export.js';
export { exportCodebook } from './codebook.js';
export { importCodebook } from './qdc-import.js';
export type { CodebookImport } from './qdc-import.js';
export { readQdpx } from './qdpx-read.js';
export { mapQdpx } from './qda-map.js';
export { applyIncoming, textHash } from './apply.js';
export type { ApplyReport, Conflict } from './apply.js';
export type { Incoming } from './incoming.js';
export { toCodePoints, cleanSourceText, PAGE_BREAK } from './positions.js';
export { merge } from './merge.js';
export { readLitkitProject } from './litkit-read.js';

/**
 * Imports a QDPX project into the project: codes (into the framework named, else one named after
 * the project, or matched to the project's), sources with text as documents, codings by coder,
 * notes as memos, variables, cases and sets as attributes; one transaction.
 */
export async function importQdpx(db: Db, file: string, options: { framework?: string; actor?: string } = {}): Promise<ApplyReport> {
  const incoming = await mapQdpx(await readQdpx(file), file);
  return applyIncoming(db, incoming, { mode: 'import', ...options });
}
export { exportRecords, selectRecords, toRis, toBibtex, recordsCsv, RECORD_FORMATS, RECORD_SELECTIONS } from './records.js';
export type { ExportedRecord, RecordExportFormat, RecordSelection } from './records.js';
export { csvCell, toCsv } from './csv.js';
export { exportJsonl } from './jsonl.js';
export type { JsonlReport } from './jsonl.js';
export { ChunkedWriter } from './chunked-writer.js';
