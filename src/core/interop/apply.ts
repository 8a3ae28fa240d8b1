import crypto from 'node:crypto';
import { insertDocument } from '../documents/write.js';
import { segmentPages } from '../ingest/segment.js';
import { audit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { resolveIncomingCodes, type CodeResolution } from './code-resolve.js';
import type { Incoming, IncomingDocument, IncomingMemo } from './incoming.js';
import { PAGE_BREAK } from './positions.js';

export interface Conflict {
  document: string;
  documentId: number;
  page: number;
  start: number;
  end: number;
  excerpt: string;
  /** Codes of the span in this project. */
  here: string[];
  /** The incoming code and who gave it. */
  incoming: string;
  coder: string;
}

export interface ApplyReport {
  file: string;
  mode: 'import' | 'merge';
  origin: string | null;
  codes: { matched: number; added: string[]; frameworks: CodeResolution['frameworks'] };
  documents: { added: number; matched: number; onlyThere: string[]; onlyHere: string[]; textDiffers: string[] };
  codings: { added: number; duplicates: number; invalid: number };
  memos: { added: number; duplicates: number };
  attributes: { set: number; kept: { document: string; key: string; here: string; incoming: string }[] };
  /** Coders of the codings brought in. */
  coders: string[];
  /** People (not auto or suggest) with codings in the project afterwards: whom `agreement` can compare. */
  codersNow: string[];
  conflicts: Conflict[];
  unmapped: string[];
  quirks: string[];
  problems: string[];
  seconds: number;
}

export interface ApplyOptions {
  mode: 'import' | 'merge';
  framework?: string;
  actor?: string;
}

/** The hash of a document's text as litkit stores it, pages joined by form feeds: how documents without a common file hash are matched. */
export function textHash(pages: string[]): string {
  return crypto.createHash('sha256').update(pages.join(PAGE_BREAK)).digest('hex');
}

const nonEmpty = (pages: string[]) => pages.some((p) => /\p{L}/u.test(p));

/**
 * Writes what an import or merge brings into the project in one transaction, so a failure leaves
 * the project as it was. Documents are matched by the file's SHA-256, else by identical text;
 * `import` adds the others, `merge` only reports them. Codings already present (same code,
 * coder, page and offsets) are skipped; an incoming coding on a span this project codes with
 * other codes is added and reported as a conflict. Memos already present are skipped.
 */
export function applyIncoming(db: Db, incoming: Incoming, options: ApplyOptions): ApplyReport {
  const started = performance.now();
  const s = db.sql;
  const report: ApplyReport = {
    file: incoming.file,
    mode: options.mode,
    origin: incoming.origin ?? null,
    codes: { matched: 0, added: [], frameworks: [] },
    documents: { added: 0, matched: 0, onlyThere: [], onlyHere: [], textDiffers: [] },
    codings: { added: 0, duplicates: 0, invalid: 0 },
    memos: { added: 0, duplicates: 0 },
    attributes: { set: 0, kept: [] },
    coders: [],
    codersNow: [],
    conflicts: [],
    unmapped: incoming.unmapped,
    quirks: incoming.quirks,
    problems: [...incoming.problems],
    seconds: 0,
  };
  const coders = new Set<string>();
  const attrsOf = s.prepare('SELECT key, value FROM document_attributes WHERE document_id = ?');
  const setAttr = s.prepare('INSERT INTO document_attributes (document_id, key, value) VALUES (?, ?, ?)');

  db.transaction(() => {
    const codes = resolveIncomingCodes(db, incoming, { framework: options.framework, actor: options.actor });
    report.codes = { matched: codes.matched, added: codes.added, frameworks: codes.frameworks };

    const bySha = new Map((s.prepare('SELECT sha256, id FROM documents').all() as { sha256: string; id: number }[]).map((r) => [r.sha256, r.id]));
    const pagesOf = s.prepare('SELECT text FROM pages WHERE document_id = ? ORDER BY number').pluck();
    let byText: Map<string, number> | undefined;
    const textIndex = () => (byText ??= new Map((s.prepare('SELECT id FROM documents').pluck().all() as number[]).map((id) => [textHash(pagesOf.all(id) as string[]), id])));
    const matchedIds = new Set<number>();

    const memoExists = s.prepare('SELECT 1 FROM memos WHERE target_kind = ? AND target = ? AND author = ? AND text = ?');
    const insertMemo = s.prepare('INSERT INTO memos (target_kind, target, author, text, created_at) VALUES (?, ?, ?, ?, ?)');
    const addMemo = (kind: string, target: string, m: IncomingMemo) => {
      if (memoExists.get(kind, target, m.author, m.text)) {
        report.memos.duplicates++;
        return;
      }
      insertMemo.run(kind, target, m.author, m.text, m.createdAt);
      report.memos.added++;
    };

    const existingCodings = s.prepare('SELECT code_id, coder, page, start, end FROM codings WHERE document_id = ?');
    const segmentAt = s.prepare('SELECT id FROM segments WHERE document_id = ? AND page = ? AND start <= ? AND end > ? ORDER BY start LIMIT 1').pluck();
    const insertCoding = s.prepare(`INSERT INTO codings (code_id, document_id, segment_id, page, start, end, coder, framework_version, rule, evidence, score, status, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

    for (const doc of incoming.documents) {
      const hash = textHash(doc.pages);
      let id = doc.sha256 ? bySha.get(doc.sha256) : undefined;
      if (id !== undefined && textHash(pagesOf.all(id) as string[]) !== hash) {
        report.documents.textDiffers.push(doc.name);
        matchedIds.add(id);
        continue;
      }
      id ??= bySha.get(hash) ?? textIndex().get(hash);
      if (id !== undefined) {
        report.documents.matched++;
        matchedIds.add(id);
        if (options.mode === 'import') mergeAttributes(id, doc);
      } else if (options.mode === 'merge') {
        report.documents.onlyThere.push(doc.name);
        continue;
      } else {
        id = insertDocument(db, {
          sha256: doc.sha256 ?? hash,
          sourcePath: doc.sourcePath,
          format: doc.format ?? 'txt',
          bytes: Buffer.byteLength(doc.pages.join(PAGE_BREAK)),
          attributes: doc.attributes,
          prepared: {
            pages: doc.pages,
            segments: nonEmpty(doc.pages) ? segmentPages(doc.pages, doc.format ?? 'txt') : [],
            meta: { title: doc.title, authors: doc.authors, year: doc.year },
            engine: 'qdpx',
            status: nonEmpty(doc.pages) ? 'ok' : 'no-text',
            reason: nonEmpty(doc.pages) ? undefined : 'the source has no text',
          },
        });
        bySha.set(doc.sha256 ?? hash, id);
        byText?.set(hash, id);
        matchedIds.add(id);
        report.documents.added++;
        report.attributes.set += Object.keys(doc.attributes).length;
      }
      const docId = id;
      for (const m of doc.memos) addMemo('document', String(docId), m);

      const here = existingCodings.all(docId) as { code_id: string; coder: string; page: number; start: number; end: number }[];
      const have = new Set(here.map((k) => `${k.code_id}\0${k.coder}\0${k.page}\0${k.start}\0${k.end}`));
      const spanCodes = new Map<string, Set<string>>();
      for (const k of here) {
        const key = `${k.page}:${k.start}:${k.end}`;
        spanCodes.set(key, (spanCodes.get(key) ?? new Set()).add(k.code_id));
      }
      for (const k of doc.codings) {
        const code = codes.ids.get(k.code);
        const page = doc.pages[k.page - 1];
        if (!code || page === undefined || k.start < 0 || k.end <= k.start || k.end > page.length) {
          report.codings.invalid++;
          continue;
        }
        const key = `${code}\0${k.coder}\0${k.page}\0${k.start}\0${k.end}`;
        if (have.has(key)) {
          report.codings.duplicates++;
          continue;
        }
        have.add(key);
        const span = `${k.page}:${k.start}:${k.end}`;
        const present = spanCodes.get(span);
        if (options.mode === 'merge' && present?.size && !present.has(code)) {
          report.conflicts.push({ document: doc.name, documentId: docId, page: k.page, start: k.start, end: k.end, excerpt: page.slice(k.start, k.end), here: [...present].sort(), incoming: code, coder: k.coder });
        }
        const r = insertCoding.run(code, docId, (segmentAt.get(docId, k.page, k.start, k.start) as number | undefined) ?? null, k.page, k.start, k.end, k.coder, k.frameworkVersion ?? null, k.rule ?? null, k.evidence ?? null, k.score ?? null, k.status ?? null, k.createdAt);
        coders.add(k.coder);
        report.codings.added++;
        for (const m of k.memos) addMemo('coding', String(r.lastInsertRowid), m);
      }
    }
    for (const c of incoming.codes) {
      const id = codes.ids.get(c.key);
      if (id) for (const m of c.memos) addMemo('code', id, m);
    }
    for (const m of incoming.projectMemos) addMemo('project', '', m);
    if (options.mode === 'merge') {
      const titles = s.prepare('SELECT id, title FROM documents ORDER BY id').all() as { id: number; title: string }[];
      report.documents.onlyHere = titles.filter((t) => !matchedIds.has(t.id)).map((t) => t.title);
    }
    report.coders = [...coders].sort();
    report.codersNow = s.prepare("SELECT DISTINCT coder FROM codings WHERE coder NOT IN ('auto', 'suggest') ORDER BY coder").pluck().all() as string[];
    report.seconds = (performance.now() - started) / 1000;
    audit(db, options.actor ?? 'litkit', options.mode === 'merge' ? 'project.merge' : 'qdpx.import', incoming.file, { ...report, conflicts: report.conflicts.length });
  });
  return report;

  function mergeAttributes(id: number, doc: IncomingDocument): void {
    const current = new Map((attrsOf.all(id) as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    for (const [key, value] of Object.entries(doc.attributes)) {
      const mine = current.get(key);
      if (mine === undefined) {
        setAttr.run(id, key, value);
        report.attributes.set++;
      } else if (mine !== value) report.attributes.kept.push({ document: doc.name, key, here: mine, incoming: value });
    }
  }
}
