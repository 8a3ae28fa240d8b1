import { UsageError } from '../../errors.js';
import type { CaseInput } from '../documents/types.js';
import type { Db } from '../store/db.js';
import { attributeValue } from './values.js';

export type CaseKind = CaseInput['kind'];

interface CaseRow {
  id: number;
  document_id: number;
  kind: CaseKind;
  label: string;
  title: string;
  segments: number;
}

interface AttributeRow {
  case_id: number;
  key: string;
  value: string | number;
}

/** A case as commands show it: where it is, how many segments it has, its attributes. */
export interface CaseInfo {
  id: number;
  documentId: number;
  documentTitle: string;
  kind: CaseKind;
  label: string;
  segments: number;
  attributes: Record<string, string | number>;
}

/** The key for a case within one document's segments. */
export const caseKey = (kind: CaseKind, label: string) => `${kind}\u0000${label}`;

/**
 * Stores a document's cases and their attributes (inside the caller's transaction); returns the
 * new case ids by caseKey.
 */
export function insertCases(db: Db, documentId: number, cases: CaseInput[]): Map<string, number> {
  const insertCase = db.sql.prepare('INSERT INTO cases (document_id, kind, label) VALUES (?, ?, ?)');
  const insertAttr = db.sql.prepare('INSERT OR REPLACE INTO case_attributes (case_id, key, value) VALUES (?, ?, ?)');
  const ids = new Map<string, number>();
  for (const c of cases) {
    const key = caseKey(c.kind, c.label);
    if (ids.has(key)) throw new Error(`case "${c.label}" is listed twice`);
    const id = Number(insertCase.run(documentId, c.kind, c.label).lastInsertRowid);
    ids.set(key, id);
    for (const [k, v] of Object.entries(c.attributes)) if (v !== '') insertAttr.run(id, k, attributeValue(v));
  }
  return ids;
}

/** Cases of a kind (and label, and documents), with their attributes, in document and label order. */
export function listCases(db: Db, filter: { kind?: CaseKind; label?: string; documentIds?: number[] } = {}): CaseInfo[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.kind) {
    where.push('c.kind = ?');
    params.push(filter.kind);
  }
  if (filter.label !== undefined) {
    where.push('c.label = ? COLLATE NOCASE');
    params.push(filter.label);
  }
  if (filter.documentIds?.length) {
    where.push('c.document_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.documentIds));
  }
  const rows = db.sql
    .prepare(
      `SELECT c.id, c.document_id, c.kind, c.label, d.title, (SELECT count(*) FROM segments s WHERE s.case_id = c.id) AS segments
       FROM cases c JOIN documents d ON d.id = c.document_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY c.document_id, c.id`,
    )
    .all(...params) as CaseRow[];
  const attrs = db.sql.prepare('SELECT case_id, key, value FROM case_attributes WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY key');
  const byCase = new Map<number, Record<string, string | number>>();
  // json_each over a few thousand ids at a time keeps the statement's parameter small.
  for (let i = 0; i < rows.length; i += 5000) {
    for (const a of attrs.all(JSON.stringify(rows.slice(i, i + 5000).map((r) => r.id))) as AttributeRow[]) {
      const o = byCase.get(a.case_id) ?? {};
      o[a.key] = a.value;
      byCase.set(a.case_id, o);
    }
  }
  return rows.map((r) => ({ id: r.id, documentId: r.document_id, documentTitle: r.title, kind: r.kind, label: r.label, segments: r.segments, attributes: byCase.get(r.id) ?? {} }));
}

/** Keys of case attributes: letters, digits, `_`, `-` (what a query's case.KEY can name). */
const KEY = /^[\p{L}\p{N}_-]+$/u;

/**
 * Parses `key=value` pairs for cases; `key=` removes the attribute. A usage error names a pair
 * that is not one or a key a query could not name.
 */
export function parseCaseAttributes(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq).trim() : '';
    if (!key || !KEY.test(key) || ['__proto__', 'constructor', 'prototype'].includes(key.toLowerCase())) {
      throw new UsageError('E_USAGE', `expected key=value with a key of letters, digits, _ or -, got "${pair.replace(/[\p{Cc}]/gu, '')}"`);
    }
    out[key.toLowerCase()] = pair.slice(eq + 1).replace(/[\p{Cc}]/gu, '').trim();
  }
  return out;
}

/** Sets (or, with an empty value, removes) attributes of the given cases, in one transaction. */
export function setCaseAttributes(db: Db, caseIds: number[], attributes: Record<string, string>): void {
  const upsert = db.sql.prepare('INSERT OR REPLACE INTO case_attributes (case_id, key, value) VALUES (?, ?, ?)');
  const remove = db.sql.prepare('DELETE FROM case_attributes WHERE case_id = ? AND key = ?');
  db.transaction(() => {
    for (const id of caseIds) {
      for (const [k, v] of Object.entries(attributes)) {
        if (v === '') remove.run(id, k);
        else upsert.run(id, k, attributeValue(v));
      }
    }
  });
}
