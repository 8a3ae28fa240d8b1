import type { Db } from '../store/db.js';
import { compileQuery, type Predicate } from './compile.js';
import { parseQuery, queryLimits } from './parse.js';

/**
 * What every `--where` means: the query language (codes, text:"…", doc.KEY, coder:, speaker:),
 * checked against the project's limits, as a predicate over `segments s JOIN documents d`.
 */
export function wherePredicate(db: Db, where: string): Predicate {
  return compileQuery(db, parseQuery(where, queryLimits(db)));
}

/**
 * The same selection as a self-contained condition on a segment alias (`s.id IN (…)`), for
 * statements that read segments without joining documents.
 */
export function whereSegmentIds(db: Db, where: string, segment = 's'): Predicate {
  const p = compileQuery(db, parseQuery(where, queryLimits(db)), { seg: 'ws', doc: 'wd' });
  return { sql: `${segment}.id IN (SELECT ws.id FROM segments ws JOIN documents wd ON wd.id = ws.document_id WHERE ${p.sql})`, params: p.params };
}
