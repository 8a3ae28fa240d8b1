import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED, litkitJson, SHARED, tempProject } from '../helpers.js';

interface Summary {
  files: number;
  stored: number;
  noText: number;
  failed: number;
  pages: number;
  failures: { path: string; code: string; message: string }[];
  noTextFiles: { path: string; reason: string }[];
}
interface Hit {
  documentId: number;
  page: number;
  citation: string;
}
interface Doc {
  id: number;
  sourcePath: string;
  pages: number;
  status: string;
  segments: number;
}

const PDF_DIR = path.join(SHARED, 'corpus', 'pdf');
const DOCX_DIR = path.join(SHARED, 'corpus', 'docx');

// Pages checked once with `pdftotext FILE -` split at form feeds: each phrase is on that page only.
const KNOWN_PAGES: [file: string, phrase: string, page: number][] = [
  ['distributed_systems_in-search-of-an-understandable-consensus-algorithm.pdf', 'handles this situation with an', 9],
  ['information_retrieval_the-pagerank-citation-ranking-bringing-order-to-the-web.pdf', 'Web surfer ever gets into', 5],
  ['physics_on-the-electrodynamics-of-moving-bodies.pdf', 'the principle of relativity requires', 13],
  ['languages-theory_theory-in-programming-practice.pdf', 'where each subsequent term is', 132],
  ['faults_and_verification_epitaxis-a-system-for-syntactic-and-semantic-software-queries.pdf', 'Annual International Computer Software and', 171],
  ['data_structures_level-ancestor-simplified.pdf', 'we now put each long', 4],
];

function manifest(name: string): Map<string, number> {
  const rows = fs.readFileSync(path.join(SHARED, 'corpus', name), 'utf8').trim().split('\n');
  return new Map(rows.map((r) => r.split('\t')).map(([f, n]) => [f!, Number(n)]));
}

describe.skipIf(!HAS_SHARED)('the shared real-world PDFs', () => {
  let project: string;
  let summary: Summary;
  let docs: Doc[];
  beforeAll(async () => {
    project = await tempProject();
    const r = await litkitJson<Summary>(['ingest', PDF_DIR], { cwd: project });
    expect(r.code).toBe(0);
    summary = r.data;
    docs = (await litkitJson<Doc[]>(['docs', 'list'], { cwd: project })).data;
  }, 300_000);
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  it('stores every PDF with the page count pdfinfo reports', () => {
    const pages = manifest('pdf-manifest.tsv');
    expect(summary).toMatchObject({ files: pages.size, failed: 0, pages: [...pages.values()].reduce((a, b) => a + b, 0) });
    for (const d of docs) expect(d.pages, path.basename(d.sourcePath)).toBe(pages.get(path.basename(d.sourcePath)));
  });

  it('flags the scanned PDF as having no text instead of storing it silently empty', () => {
    const scanned = docs.find((d) => d.sourcePath.endsWith('garbage_collection_the_lisp_ii_garbage_collector.pdf'))!;
    expect(scanned).toMatchObject({ status: 'no-text', segments: 0 });
    expect(summary.noText).toBe(1);
    expect(summary.noTextFiles[0]!.reason).toMatch(/no text layer/);
    expect(docs.filter((d) => d !== scanned).every((d) => d.status === 'ok' && d.segments > 0)).toBe(true);
  });

  it.each(KNOWN_PAGES)('finds "%s" phrase on the page pdftotext puts it', async (file, phrase, page) => {
    const hits = (await litkitJson<Hit[]>(['search', `"${phrase}"`], { cwd: project })).data;
    const doc = docs.find((d) => d.sourcePath.endsWith(file))!;
    const inDoc = hits.filter((h) => h.documentId === doc.id);
    expect(inDoc.map((h) => h.page)).toEqual([page]);
    expect(inDoc[0]!.citation).toMatch(new RegExp(`, p\\. ${page}$`));
  });
});

describe.skipIf(!HAS_SHARED)('the shared real-world DOCX files', () => {
  let project: string;
  let summary: Summary;
  let docs: Doc[];
  beforeAll(async () => {
    project = await tempProject();
    summary = (await litkitJson<Summary>(['ingest', DOCX_DIR], { cwd: project })).data;
    docs = (await litkitJson<Doc[]>(['docs', 'list'], { cwd: project })).data;
  }, 300_000);
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  it('either stores each file or fails it with a clear code, and none crashes the run', () => {
    const names = [...manifest('docx-manifest.tsv').keys()];
    const stored = new Set(docs.map((d) => path.basename(d.sourcePath)));
    const failed = new Map(summary.failures.map((f) => [path.basename(f.path), f]));
    for (const name of names) expect(stored.has(name) !== failed.has(name), name).toBe(true);
    expect(failed.get('bug53475-password-is-pass.docx')).toMatchObject({ code: 'E_ENCRYPTED' });
    for (const [name, f] of failed) expect(f.code, name).toMatch(/^E_(CORRUPT|ENCRYPTED)$/);
    expect(summary.failed).toBe(failed.size);
  });

  it('leaves no rows behind for the files that failed', () => {
    const db = new Database(path.join(project, 'litkit.sqlite'), { readonly: true });
    try {
      for (const f of summary.failures) {
        expect(db.prepare('SELECT count(*) FROM documents WHERE source_path = ?').pluck().get(f.path)).toBe(0);
      }
      expect(db.prepare('SELECT count(*) FROM segments WHERE document_id NOT IN (SELECT id FROM documents)').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('keeps tables, footnotes and headers of the files that have them', async () => {
    const text = async (name: string) => {
      const d = docs.find((x) => x.sourcePath.endsWith(name))!;
      const pages: string[] = [];
      for (let i = 0; i < d.pages; i++) {
        pages.push((await litkitJson<{ page: { text: string } }>(['docs', 'show', String(d.id), '--page', String(i + 1)], { cwd: project })).data.page.text);
      }
      return pages.join('\n');
    };
    expect(await text('TestTableCellAlign.docx')).toContain('Top | Bottom');
    expect(await text('form_footnotes.docx')).toContain('testdoc test phrase'); // the text of its footnote
    expect(await text('ThreeColHeadFoot.docx')).toContain('First header column! Mid header Right header!');
    expect(await text('ThreeColHeadFoot.docx')).toContain('This is page two.');
  });
});
