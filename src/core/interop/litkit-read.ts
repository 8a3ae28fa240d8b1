import { listMemos, type Memo } from '../coding/memos.js';
import { allCodes, listFrameworks, resolveFramework } from '../coding/framework/index.js';
import type { DocumentRow } from '../documents/rows.js';
import type { Db } from '../store/db.js';
import type { Incoming, IncomingDocument, IncomingMemo } from './incoming.js';
import type { CodingTableRow } from './rows.js';

type DocRow = Pick<DocumentRow, 'id' | 'sha256' | 'source_path' | 'title' | 'authors' | 'year'> & { format: IncomingDocument['format'] };
type CodingRow = Omit<CodingTableRow, 'document_id' | 'segment_id'>;

const asIncoming = (m: Memo): IncomingMemo => ({ author: m.author, text: m.text, createdAt: m.createdAt });

/** Another litkit project as an import: everything in its own units, codes by id, frameworks whole. */
export function readLitkitProject(other: Db, label: string): Incoming {
  const memos = listMemos(other);
  const on = (target: string) => memos.filter((m) => m.target === target).map(asIncoming);
  const codes = [...allCodes(other).values()].map((c) => ({ key: c.id, id: c.id, frameworkId: c.frameworkId, label: c.label, definition: c.definition ?? undefined, colour: c.colour ?? undefined, parentKey: c.parentId ?? undefined, memos: on(`code ${c.id}`) }));
  const pagesOf = other.sql.prepare('SELECT text FROM pages WHERE document_id = ? ORDER BY number').pluck();
  const attrsOf = other.sql.prepare('SELECT key, value FROM document_attributes WHERE document_id = ?');
  const codingsOf = other.sql.prepare('SELECT id, code_id, coder, page, start, end, created_at, framework_version, rule, evidence, score, status FROM codings WHERE document_id = ? ORDER BY page, start, end, code_id, coder');
  const documents = (other.sql.prepare('SELECT id, sha256, source_path, title, authors, year, format FROM documents ORDER BY id').all() as DocRow[]).map(
    (d): IncomingDocument => ({
      name: d.title,
      sha256: d.sha256,
      title: d.title,
      authors: d.authors ?? undefined,
      year: d.year ?? undefined,
      format: d.format,
      sourcePath: d.source_path,
      pages: pagesOf.all(d.id) as string[],
      attributes: Object.fromEntries((attrsOf.all(d.id) as { key: string; value: string }[]).map((r) => [r.key, r.value])),
      codings: (codingsOf.all(d.id) as CodingRow[]).map((k) => ({
        code: k.code_id,
        coder: k.coder,
        page: k.page,
        start: k.start,
        end: k.end,
        createdAt: k.created_at,
        memos: on(`coding ${k.id}`),
        frameworkVersion: k.framework_version,
        rule: k.rule,
        evidence: k.evidence,
        score: k.score,
        status: k.status,
      })),
      memos: on(`document ${d.id}`),
    }),
  );
  return {
    file: label,
    origin: 'litkit',
    projectName: label,
    frameworks: listFrameworks(other).map((f) => ({ id: f.id, yaml: resolveFramework(other, f.id).source })),
    codes,
    documents,
    projectMemos: on('project'),
    unmapped: [],
    quirks: [],
    problems: [],
  };
}
