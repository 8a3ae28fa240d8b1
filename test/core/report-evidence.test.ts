import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { buildReportModel, type ReportModel } from '../../src/core/render/model.js';
import { renderTemplate } from '../../src/core/render/templates.js';
import { ROOT } from '../helpers.js';
import type { Db } from '../../src/core/store/db.js';
import { HAS_SHARED } from '../helpers.js';
import { demoLibraryProject, realTextProject } from '../real-project.js';

// Issue 12's "done when" on real texts: every quote resolves to its cited place, none is a heading,
// a source line, boilerplate or the review's own terms of reference, and every count agrees.
describe.skipIf(!HAS_SHARED)('report evidence on a project of real public texts', () => {
  let project: { dir: string; db: Db };
  let model: ReportModel;
  beforeAll(async () => {
    project = await realTextProject();
    model = await buildReportModel(project.db, { framework: 'race-equality', quotes: 3 });
  }, 60_000);
  afterAll(() => {
    project?.db.close();
    if (project) fs.rmSync(project.dir, { recursive: true, force: true });
  });

  const quotes = () => Object.values(model.byId).flatMap((c) => c.quotes.map((q) => ({ code: c.id, ...q })));

  it('quotes sentences found at their cited page, from body text or list items, never from the ToR marked role=tor', () => {
    const all = quotes();
    expect(all.length).toBeGreaterThan(20);
    const page = project.db.sql.prepare('SELECT text FROM pages WHERE document_id = ? AND number = ?').pluck();
    const segment = project.db.sql.prepare('SELECT kind FROM segments WHERE id = ?').pluck();
    const role = project.db.sql.prepare("SELECT value FROM document_attributes WHERE document_id = ? AND key = 'role'").pluck();
    for (const q of all) {
      const text = (page.get(q.documentId, q.page) as string).slice(q.start, q.end).replace(/\s+/g, ' ').trim();
      // A quote cut inside a long sentence is marked with ellipses, as quotations are.
      expect(text.replace(/[;:,]$/, ''), q.citation).toBe(q.text.replace(/^…/, '').replace(/…$/, ''));
      expect(['body', 'list'], q.text).toContain(segment.get(q.segmentId));
      expect(role.get(q.documentId), q.citation).toBeUndefined();
      expect(q.text, q.citation).not.toMatch(/^Source:|https?:\/\//);
      expect(q.text.length).toBeLessThanOrEqual(602);
    }
    expect(model.scope.excludedDocuments).toHaveLength(1); // the race-equality ToR, marked role=tor
  });

  it('renders quotes with their author-date citations, italic titles as Markdown italics, not escaped asterisks', () => {
    const md = renderTemplate(path.join(ROOT, 'templates', 'reports', 'desk-review.md.hbs'), model);
    const quoteLines = md.split('\n').filter((l) => l.startsWith('> “'));
    expect(quoteLines.length).toBeGreaterThan(20);
    for (const l of quoteLines) expect(l).toMatch(/” \((\*[^*]+\*|[^*()]+), (n\.d\.|\d{4}[a-z]?)(, (p|para)\. \d+)?\)$/);
    expect(md).not.toContain('\\*');
  });

  it('counts every code one way: the section count, the matrix total and a count from the database agree', () => {
    const count = project.db.sql.prepare(
      `SELECT count(DISTINCT k.segment_id) FROM codings k WHERE k.code_id IN (SELECT id FROM codes WHERE id = ? OR id LIKE ? || '.%')
       AND coalesce(k.status, '') <> 'rejected'
       AND k.document_id NOT IN (SELECT document_id FROM document_attributes WHERE key = 'role' AND value = 'tor')`,
    ).pluck();
    let checked = 0;
    for (const row of model.matrix!.rows) {
      const c = model.byId[row.code]!;
      expect(row.total, row.code).toBe(c.excerpts);
      expect(row.cells.reduce((a, b) => a + b, 0), row.code).toBe(c.excerpts);
      expect(count.get(row.code, row.code), row.code).toBe(c.excerpts);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
    expect(model.byId.intersectionality!.excerpts).toBeGreaterThanOrEqual(model.byId['intersectionality.gender']!.excerpts);
    expect(model.countingRule).toMatch(/sub-codes/);
  });

  it('scopes the evidence with --where: only web pages, then no quote or count from the data ToR', async () => {
    const scoped = await buildReportModel(project.db, { framework: 'race-equality', quotes: 3, where: 'doc.type = web' });
    const tor = project.db.sql.prepare("SELECT document_id FROM document_attributes WHERE key = 'type' AND value = 'tor'").pluck().all() as number[];
    for (const c of Object.values(scoped.byId)) for (const q of c.quotes) expect(tor).not.toContain(q.documentId);
    expect(scoped.byId.recommendation!.excerpts).toBeLessThanOrEqual(model.byId.recommendation!.excerpts);
    expect(scoped.scope.where).toBe('doc.type = web');
  });
});

describe('report evidence on the demo project', () => {
  it('quotes sentences found at their cited page or paragraph, from body text or list items only', async () => {
    const demo = await demoLibraryProject();
    try {
      const model = await buildReportModel(demo.db, { framework: 'race-equality', quotes: 3 });
      const page = demo.db.sql.prepare('SELECT text FROM pages WHERE document_id = ? AND number = ?').pluck();
      const kind = demo.db.sql.prepare('SELECT kind FROM segments WHERE id = ?').pluck();
      const quotes = Object.values(model.byId).flatMap((c) => c.quotes);
      expect(quotes.length).toBeGreaterThan(40);
      for (const q of quotes) {
        const text = (page.get(q.documentId, q.page) as string).slice(q.start, q.end).replace(/\s+/g, ' ').trim();
        expect(text.replace(/[;:,]$/, ''), q.citation).toBe(q.text.replace(/^…/, '').replace(/…$/, ''));
        expect(['body', 'list']).toContain(kind.get(q.segmentId));
        expect(q.citation).toMatch(/, (p|para)\. \d+\)$/);
      }
    } finally {
      demo.db.close();
      fs.rmSync(demo.dir, { recursive: true, force: true });
    }
  }, 60_000);
});
