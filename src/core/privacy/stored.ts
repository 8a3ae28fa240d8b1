import type { Db } from '../store/db.js';
import { getDocument } from '../documents/read.js';
import type { DetectOptions } from './detect.js';
import { addCounts, redactPages, redactText, totalCount, type Masked, type RedactionCounts } from './mask.js';
import { saveRedactions } from './report.js';
import { scrubFreedText } from './scrub.js';

/** What `redact` did to one stored document. */
export interface StoredRedaction {
  id: number;
  title: string;
  counts: RedactionCounts;
  segments: number;
  codings: number;
}

interface SpanRow {
  id: number;
  page: number;
  start: number;
  end: number;
}

/** Replaces each masked value in a JSON text (coding evidence, matched words) by its placeholder. */
function maskJson(json: string | null, values: [string, string][]): string | null {
  if (json === null) return null;
  let out = json;
  for (const [value, placeholder] of values) out = out.split(value).join(placeholder).split(value.toLowerCase()).join(placeholder);
  return out;
}

/**
 * Masks personal data in stored documents, keeping everything that points into their text
 * consistent: pages, segments (and through their trigger the full-text index), codings and
 * review decisions (offsets moved across each mask; a span that ends inside a mask takes all of
 * it, so no coding becomes empty), speakers' case labels, titles, authors and attributes. Then scrubs the file so the
 * old text is gone from it. Documents without personal data are left untouched.
 */
export function redactDocuments(db: Db, ids: number[], options: DetectOptions): StoredRedaction[] {
  const docs = ids.map((id) => getDocument(db, id));
  const s = db.sql;
  const pagesOf = s.prepare('SELECT number, text FROM pages WHERE document_id = ? ORDER BY number');
  const setPage = s.prepare('UPDATE pages SET text = ? WHERE document_id = ? AND number = ?');
  const segmentsOf = s.prepare('SELECT id, page, start, end FROM segments WHERE document_id = ?');
  const setSegment = s.prepare('UPDATE segments SET start = ?, end = ?, text = ? WHERE id = ?');
  const codingsOf = s.prepare('SELECT id, page, start, end, evidence FROM codings WHERE document_id = ?');
  const setCoding = s.prepare('UPDATE codings SET start = ?, end = ?, evidence = ? WHERE id = ?');
  const decisionsOf = s.prepare('SELECT d.id, d.page, d.start, d.end, d.matched FROM coding_decisions d JOIN segments g ON g.id = d.segment_id WHERE g.document_id = ?');
  const setDecision = s.prepare('UPDATE coding_decisions SET start = ?, end = ?, matched = ? WHERE id = ?');
  const attrsOf = s.prepare('SELECT key, value FROM document_attributes WHERE document_id = ?');
  const setAttr = s.prepare('UPDATE document_attributes SET value = ? WHERE document_id = ? AND key = ?');
  const casesOf = s.prepare('SELECT id, label FROM cases WHERE document_id = ? ORDER BY id');
  const setCase = s.prepare('UPDATE cases SET label = ? WHERE id = ?');
  const setMeta = s.prepare('UPDATE documents SET title = ?, authors = ? WHERE id = ?');
  const results: StoredRedaction[] = [];
  db.transaction(() => {
    for (const doc of docs) {
      const pages = pagesOf.all(doc.id) as { number: number; text: string }[];
      const r = redactPages(pages.map((p) => p.text), options);
      const counts = r.counts;
      const byPage = new Map<number, Masked>(pages.map((p, i) => [p.number, r.pages[i]!]));
      const values = new Map<string, string>();
      for (const [n, m] of byPage) {
        const original = pages.find((p) => p.number === n)!.text;
        for (const f of m.findings) values.set(original.slice(f.start, f.end), `[${f.kind}]`);
      }
      const field = (v: string | null) => {
        if (v === null) return null;
        const m = redactText(v, { ...options, speakers: r.speakers });
        addCounts(counts, m.counts);
        return m.text;
      };
      const title = field(doc.title)!;
      const authors = field(doc.authors ?? null);
      const attrs = (attrsOf.all(doc.id) as { key: string; value: string }[]).map((a) => ({ ...a, masked: field(a.value)! }));
      const result: StoredRedaction = { id: doc.id, title, counts, segments: 0, codings: 0 };
      results.push(result);
      if (totalCount(counts) === 0) continue;
      const move = (row: SpanRow) => {
        const m = byPage.get(row.page)!;
        return [m.map(row.start, 'start'), m.map(row.end, 'end')] as const;
      };
      for (const [n, m] of byPage) if (m.findings.length) setPage.run(m.text, doc.id, n);
      for (const seg of segmentsOf.all(doc.id) as SpanRow[]) {
        if (!byPage.get(seg.page)!.findings.length) continue;
        const [start, end] = move(seg);
        setSegment.run(start, end, byPage.get(seg.page)!.text.slice(start, end), seg.id);
        result.segments++;
      }
      const pairs = [...values];
      for (const c of codingsOf.all(doc.id) as (SpanRow & { evidence: string | null })[]) {
        if (!byPage.get(c.page)!.findings.length) continue;
        const [start, end] = move(c);
        setCoding.run(start, end, maskJson(c.evidence, pairs), c.id);
        result.codings++;
      }
      for (const d of decisionsOf.all(doc.id) as (SpanRow & { matched: string })[]) {
        if (!byPage.get(d.page)!.findings.length) continue;
        const [start, end] = move(d);
        setDecision.run(start, end, maskJson(d.matched, pairs), d.id);
      }
      // A speaker's case is labelled with the name; speakers' masks are numbered, so cases stay apart.
      for (const c of casesOf.all(doc.id) as { id: number; label: string }[]) {
        const label = redactText(c.label, { ...options, speakers: r.speakers });
        if (label.findings.length) setCase.run(label.text, c.id);
      }
      setMeta.run(title, authors, doc.id);
      for (const a of attrs) if (a.masked !== a.value) setAttr.run(a.masked, doc.id, a.key);
      saveRedactions(db, doc.id, counts);
    }
  });
  if (results.some((r) => totalCount(r.counts) > 0)) scrubFreedText(db);
  return results;
}
