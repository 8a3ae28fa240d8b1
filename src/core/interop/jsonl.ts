import { listMemos } from '../coding/memos.js';
import { allCodes, listFrameworks, resolveFramework } from '../coding/framework/index.js';
import type { Db } from '../store/db.js';
import { listCases } from '../cases/store.js';
import { litkitOrigin } from './origin.js';
import { documentsInScope } from './scope.js';

export interface JsonlReport {
  lines: number;
  counts: Record<string, number>;
}

/**
 * The whole project (or the documents `where` selects, with what hangs off them) as JSON Lines,
 * one object per line with a `type`: project, framework, code, document, page, segment, coding,
 * memo, record, screening, extraction. Offsets are UTF-16 indexes into the page's text, as stored.
 * Rows are read with iterators and handed to `write` one line at a time.
 */
export function exportJsonl(db: Db, write: (line: string) => void, options: { where?: string } = {}): JsonlReport {
  const counts: Record<string, number> = {};
  const emit = (type: string, row: Record<string, unknown>) => {
    write(`${JSON.stringify({ type, ...row })}\n`);
    counts[type] = (counts[type] ?? 0) + 1;
  };
  const ids = documentsInScope(db, options.where);
  const scope = JSON.stringify(ids);
  const inScope = new Set(ids);
  emit('project', { origin: litkitOrigin(), schema: db.sql.pragma('user_version', { simple: true }), exportedAt: new Date().toISOString(), where: options.where ?? null, offsets: 'UTF-16 code units into the page text' });
  for (const f of listFrameworks(db)) {
    const fw = resolveFramework(db, f.id);
    emit('framework', { id: fw.id, title: fw.title, version: fw.version, yaml: fw.source });
  }
  for (const c of allCodes(db).values()) emit('code', { id: c.id, framework: c.frameworkId, parent: c.parentId, label: c.label, definition: c.definition, colour: c.colour, rules: c.rules });
  const s = db.sql;
  const attrs = s.prepare('SELECT key, value FROM document_attributes WHERE document_id = ? ORDER BY key');
  for (const d of s.prepare('SELECT * FROM documents WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').iterate(scope) as IterableIterator<Record<string, unknown>>) {
    const attributes = Object.fromEntries((attrs.all(d.id) as { key: string; value: string }[]).map((a) => [a.key, a.value]));
    emit('document', { id: d.id, sha256: d.sha256, sourcePath: d.source_path, title: d.title, authors: d.authors, year: d.year, format: d.format, pages: d.page_count, bytes: d.bytes, status: d.status, note: d.error, engine: d.engine, addedAt: d.added_at, attributes });
  }
  for (const p of s.prepare('SELECT document_id, number, text FROM pages WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY document_id, number').iterate(scope) as IterableIterator<{ document_id: number; number: number; text: string }>) {
    emit('page', { document: p.document_id, page: p.number, text: p.text });
  }
  // Survey respondents and transcript speakers, with their attributes (numbers stay numbers).
  for (const c of ids.length ? listCases(db, { documentIds: ids }) : []) emit('case', { id: c.id, document: c.documentId, kind: c.kind, label: c.label, attributes: c.attributes });
  for (const g of s.prepare('SELECT id, document_id, page, seq, para, kind, start, end, case_id, question, time_s FROM segments WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY id').iterate(scope) as IterableIterator<Record<string, number | string | null>>) {
    emit('segment', { id: g.id, document: g.document_id, page: g.page, seq: g.seq, para: g.para, kind: g.kind, start: g.start, end: g.end, case: g.case_id, question: g.question, timeS: g.time_s });
  }
  const codingIds = new Set<number>();
  for (const k of s
    .prepare(`SELECT k.id, k.code_id, k.document_id, k.segment_id, k.page, k.start, k.end, k.coder, slice16(p.text, k.start, k.end) AS excerpt, k.framework_version, k.rule, k.evidence, k.score, k.status, k.created_at
      FROM codings k JOIN pages p ON p.document_id = k.document_id AND p.number = k.page WHERE k.document_id IN (SELECT value FROM json_each(?)) ORDER BY k.id`)
    .iterate(scope) as IterableIterator<Record<string, unknown>>) {
    codingIds.add(k.id as number);
    emit('coding', { id: k.id, code: k.code_id, document: k.document_id, segment: k.segment_id, page: k.page, start: k.start, end: k.end, coder: k.coder, excerpt: k.excerpt, frameworkVersion: k.framework_version, rule: k.rule, evidence: k.evidence ? JSON.parse(k.evidence as string) : null, score: k.score, status: k.status, createdAt: k.created_at });
  }
  for (const m of listMemos(db)) {
    const [kind, id] = m.target.split(' ');
    if (kind === 'document' && !inScope.has(Number(id))) continue;
    if (kind === 'coding' && !codingIds.has(Number(id))) continue;
    emit('memo', { id: m.id, target: kind, targetId: id ?? null, author: m.author, text: m.text, createdAt: m.createdAt });
  }
  for (const r of s.prepare('SELECT r.*, src.name AS source_name FROM records r JOIN record_sources src ON src.id = r.source_id ORDER BY r.id').iterate() as IterableIterator<Record<string, unknown>>) {
    emit('record', { id: r.id, source: r.source_name, kind: r.type, title: r.title, abstract: r.abstract, authors: JSON.parse(r.authors as string), year: r.year, doi: r.doi, pmid: r.pmid, journal: r.journal, keywords: JSON.parse(r.keywords as string), url: r.url, duplicateOf: r.duplicate_of, document: r.document_id });
  }
  for (const x of s.prepare('SELECT * FROM screening ORDER BY id').iterate() as IterableIterator<Record<string, unknown>>) {
    emit('screening', { record: x.record_id, stage: x.stage, decision: x.decision, reason: x.reason, reviewer: x.reviewer, decidedAt: x.decided_at });
  }
  for (const e of s.prepare('SELECT * FROM extraction ORDER BY record_id, field').iterate() as IterableIterator<Record<string, unknown>>) {
    emit('extraction', { record: e.record_id, field: e.field, value: e.value, reviewer: e.reviewer, updatedAt: e.updated_at });
  }
  return { lines: Object.values(counts).reduce((a, b) => a + b, 0), counts };
}
