import { UsageError } from '../../errors.js';
import type { Db } from '../store/db.js';
import { listCases, setCaseAttributes, type CaseInfo } from './store.js';

/**
 * Sets attributes of a transcript speaker (by label, any case). A label used in several documents
 * names different people (P3 of one focus group is not P3 of another), so those need `documentIds`
 * or `allDocuments`. Returns the speakers changed, as they are now.
 */
export function setSpeakerAttributes(db: Db, label: string, attributes: Record<string, string>, scope: { documentIds?: number[]; allDocuments?: boolean } = {}): CaseInfo[] {
  db.assertWritable();
  const found = listCases(db, { kind: 'speaker', label, documentIds: scope.documentIds });
  if (!found.length) {
    const where = scope.documentIds?.length ? ` in document${scope.documentIds.length > 1 ? 's' : ''} ${scope.documentIds.join(', ')}` : '';
    throw new UsageError('E_NO_SPEAKER', `no speaker "${label}"${where} (see \`litkit speakers list\`)`);
  }
  const docs = [...new Set(found.map((c) => c.documentId))];
  if (docs.length > 1 && !scope.documentIds?.length && !scope.allDocuments) {
    throw new UsageError('E_AMBIGUOUS', `speaker "${label}" speaks in documents ${docs.join(', ')}; say which with --doc, or --all-docs for every one`);
  }
  setCaseAttributes(db, found.map((c) => c.id), attributes);
  return listCases(db, { kind: 'speaker', label, documentIds: docs });
}
