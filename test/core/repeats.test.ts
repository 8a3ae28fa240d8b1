import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeDocument } from '../../src/core/documents/index.js';
import { ingest } from '../../src/core/ingest/index.js';
import { Db } from '../../src/core/store/index.js';
import { tempDir } from '../helpers.js';

// A job portal's disclaimer as it would follow every advert scraped from the same site.
const SHARED_PARAGRAPH = 'Applications received through this listing are forwarded unchanged to the hiring organisation on the same day.';

describe('text repeated across documents is boilerplate', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = tempDir();
    db = Db.open(path.join(dir, 'p.sqlite'), { create: true });
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const advert = (name: string, own: string) => {
    const file = path.join(dir, `${name}.txt`);
    fs.writeFileSync(file, `${own}\n\n${SHARED_PARAGRAPH.replace(/ the /g, '  the\n')}\n`); // wrapped differently: the same text
    return file;
  };
  const kindsOfShared = () =>
    db.sql.prepare('SELECT document_id, kind, own_kind FROM segments WHERE text LIKE ? ORDER BY document_id').all('Applications received%') as { document_id: number; kind: string; own_kind: string }[];

  it('marks a paragraph once three documents have it, and unmarks it when one is removed', async () => {
    const files = [
      advert('a', 'The consultant will review recruitment data for the regional office.'),
      advert('b', 'The officer will coordinate the staff survey on discrimination.'),
    ];
    await ingest(db, files, { jobs: 0 });
    // Two documents sharing a paragraph may be two versions of one report: not yet boilerplate.
    expect(kindsOfShared().map((r) => r.kind)).toEqual(['body', 'body']);

    await ingest(db, [advert('c', 'The analyst will map exit interview findings by grade.')], { jobs: 0 });
    expect(kindsOfShared()).toEqual([1, 2, 3].map((id) => ({ document_id: id, kind: 'boilerplate', own_kind: 'body' })));
    expect(db.sql.prepare("SELECT count(*) FROM segments WHERE kind = 'boilerplate'").pluck().get()).toBe(3); // each document's own text is untouched

    removeDocument(db, 2);
    expect(kindsOfShared()).toEqual([
      { document_id: 1, kind: 'body', own_kind: 'body' },
      { document_id: 3, kind: 'body', own_kind: 'body' },
    ]);
  });

  it('finds the documents that share a text through the repeat-key index', () => {
    const plan = (db.sql.prepare("EXPLAIN QUERY PLAN SELECT document_id FROM segments WHERE repeat_key IN ('a', 'b')").all() as { detail: string }[])
      .map((r) => r.detail)
      .join('; ');
    expect(plan).toMatch(/USING INDEX segments_repeat_key/);
  });
});
