import { getDocument, listDocuments } from '../documents/read.js';
import type { Db } from '../store/db.js';
import { apaReferences } from './citations.js';
import { disambiguate } from './disambiguate.js';
import { inTextCiter } from './in-text.js';

/** A document's APA reference and its parenthetical citation, as a report prints them. */
export interface DocumentReference {
  id: number;
  reference: string;
  citation: string;
}

/**
 * The APA reference and author–date citation of the project's documents (or of `ids`), in
 * reference-list order. Letters for same-author works of a year are worked out over the whole
 * project, as a report does, so what this shows is what a report will print.
 */
export async function documentReferences(db: Db, ids: number[] = []): Promise<DocumentReference[]> {
  for (const id of ids) getDocument(db, id);
  const docs = listDocuments(db);
  const forms = disambiguate(docs);
  const cite = inTextCiter(docs, forms);
  const wanted = new Set(ids);
  const refs = await apaReferences(ids.length ? docs.filter((d) => wanted.has(d.id)) : docs, forms);
  return refs.map((r) => ({ ...r, citation: cite(r.id) }));
}
