import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addCoding } from '../../src/core/coding/index.js';
import { loadFramework, parseFramework } from '../../src/core/coding/framework/index.js';
import { ingest } from '../../src/core/ingest/index.js';
import { runQuery } from '../../src/core/query/index.js';
import { Db } from '../../src/core/store/db.js';
import { tempDir } from '../helpers.js';

// Stored offsets are UTF-16 units (JavaScript string indexes); SQLite's substr() and length()
// count code points, which differ once a page holds characters beyond the BMP (emoji, some CJK).
describe('offsets on a page with emoji', () => {
  const dir = tempDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives query context and whole-page ranges in the same unit as the stored offsets', async () => {
    const file = path.join(dir, 'emoji.txt');
    fs.writeFileSync(file, 'Staff notes 🙂🙂🙂\n\nWe filed a complaint 🙂 about retaliation at work.\n\nThe ombudsman 😀 answered within a week.\n');
    const db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
    try {
      await ingest(db, [file], { jobs: 0 });
      const [hit] = runQuery(db, 'text:ombudsman', { context: 12 }).excerpts;
      expect(hit!.before).toBe('retaliation at work.\n\n'.slice(-12));
      expect(hit!.text.startsWith('The ombudsman 😀')).toBe(true);
      const page = db.sql.prepare('SELECT text FROM pages WHERE document_id = 1 AND number = 1').pluck().get() as string;
      // A range to the very end of the page is valid: the page's length in UTF-16 units.
      const yaml = 'id: t\ntitle: T\nversion: 1\ncodes:\n  - id: grievance\n    label: Grievance\n';
      loadFramework(db, parseFramework(yaml, 't.yaml'), yaml);
      const coded = addCoding(db, 'grievance', { documentId: 1, page: 1, start: page.length - 10, end: page.length }, 'amina');
      expect(coded.excerpt).toBe(page.slice(-10));
      expect(() => addCoding(db, 'grievance', { documentId: 1, page: 1, start: 0, end: page.length + 1 }, 'amina')).toThrow(/not within page 1/);
    } finally {
      db.close();
    }
  });
});
