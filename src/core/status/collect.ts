import { failedFiles, type FailedFile } from '../documents/index.js';
import { STAGES, stageRecords, stageStatuses, type Stage } from '../review/index.js';
import type { Db } from '../store/db.js';

/** The documents: how many, by status and format, those without text and the files that failed. */
export interface DocumentsStatus {
  total: number;
  byStatus: Record<string, number>;
  byFormat: Record<string, number>;
  /** Stored documents litkit found no text in, with why. */
  noText: { id: number; title: string; cause: string | null }[];
  /** Files whose latest ingest failed, with the cause. */
  failed: FailedFile[];
  pages: number;
  /** Pages of stored documents that yielded no segment (blank, image-only, or all boilerplate). */
  pagesWithoutText: number;
  segments: number;
}

/** A code's coding coverage: segments coded by kind of coding. */
export interface CodeCoverage {
  framework: string;
  code: string;
  label: string;
  /** Auto codings nobody has reviewed yet. */
  auto: number;
  /** Codings a reviewer accepted. */
  accepted: number;
  /** Codings a reviewer rejected (left out of every count). */
  rejected: number;
  /** Codings a person made. */
  manual: number;
  /** Documents with at least one live coding. */
  documents: number;
}

export interface FrameworkStatus {
  id: string;
  title: string;
  version: string;
  codes: number;
  /** Codes with at least one live coding. */
  codedCodes: number;
}

/** Screening progress at a stage, by the same rule as PRISMA and `screen conflicts`. */
export interface StageProgress {
  stage: Stage;
  /** Records at the stage's door. */
  records: number;
  include: number;
  exclude: number;
  maybe: number;
  conflicts: number;
  awaitingReviewer: number;
  undecided: number;
  notStarted: number;
}

export interface ScreeningStatus {
  records: number;
  duplicates: number;
  stages: StageProgress[];
}

const counted = (rows: { k: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.k, r.n]));

export function documentsStatus(db: Db): DocumentsStatus {
  const q = (sql: string) => db.sql.prepare(sql);
  const byStatus = counted(q('SELECT status AS k, count(*) AS n FROM documents GROUP BY status ORDER BY status').all() as { k: string; n: number }[]);
  // Pages with no segment, counted against the distinct pages segments sit on: one pass over the
  // segments rather than reading every page's text.
  const pages = q("SELECT count(*) FROM pages p JOIN documents d ON d.id = p.document_id WHERE d.status = 'ok'").pluck().get() as number;
  const pagesWithText = q('SELECT count(*) FROM (SELECT DISTINCT document_id, page FROM segments)').pluck().get() as number;
  return {
    total: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    byFormat: counted(q('SELECT format AS k, count(*) AS n FROM documents GROUP BY format ORDER BY format').all() as { k: string; n: number }[]),
    noText: q("SELECT id, title, error AS cause FROM documents WHERE status = 'no-text' ORDER BY id").all() as DocumentsStatus['noText'],
    failed: failedFiles(db),
    pages,
    pagesWithoutText: Math.max(0, pages - pagesWithText),
    segments: q('SELECT count(*) FROM segments').pluck().get() as number,
  };
}

export function frameworksStatus(db: Db): { frameworks: FrameworkStatus[]; coverage: CodeCoverage[] } {
  const coverage = db.sql
    .prepare(
      `SELECT c.framework_id AS framework, c.id AS code, c.label,
         count(DISTINCT CASE WHEN k.coder = 'auto' AND k.status IS NULL THEN k.segment_id END) AS auto,
         count(DISTINCT CASE WHEN k.status = 'accepted' THEN k.segment_id END) AS accepted,
         count(DISTINCT CASE WHEN k.status = 'rejected' THEN k.segment_id END) AS rejected,
         count(DISTINCT CASE WHEN k.coder NOT IN ('auto', 'suggest') AND k.status IS NOT 'rejected' THEN k.segment_id END) AS manual,
         count(DISTINCT CASE WHEN k.status IS NOT 'rejected' THEN k.document_id END) AS documents
       FROM codes c LEFT JOIN codings k ON k.code_id = c.id
       GROUP BY c.id ORDER BY c.framework_id, c.position`,
    )
    .all() as CodeCoverage[];
  const frameworks = (db.sql.prepare('SELECT id, title, version FROM frameworks ORDER BY loaded_at, id').all() as Omit<FrameworkStatus, 'codes' | 'codedCodes'>[]).map((f) => {
    const own = coverage.filter((c) => c.framework === f.id);
    return { ...f, codes: own.length, codedCodes: own.filter((c) => c.documents > 0).length };
  });
  return { frameworks, coverage };
}

export function screeningStatus(db: Db): ScreeningStatus {
  const records = db.sql.prepare('SELECT count(*) FROM records').pluck().get() as number;
  const duplicates = db.sql.prepare('SELECT count(*) FROM records WHERE duplicate_of IS NOT NULL').pluck().get() as number;
  const stages = STAGES.map((stage): StageProgress => {
    const ids = stageRecords(db, stage);
    const statuses = stageStatuses(db, stage);
    const p: StageProgress = { stage, records: ids.length, include: 0, exclude: 0, maybe: 0, conflicts: 0, awaitingReviewer: 0, undecided: 0, notStarted: 0 };
    for (const id of ids) {
      const s = statuses.get(id);
      if (!s) p.notStarted++;
      else if (s.state === 'conflict') p.conflicts++;
      else if (s.state === 'awaiting-reviewer') p.awaitingReviewer++;
      else p[s.state]++;
    }
    return p;
  });
  return { records, duplicates, stages };
}
