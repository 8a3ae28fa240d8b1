import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCoding, findQuote } from '../../src/core/coding/index.js';
import { ingest } from '../../src/core/ingest/index.js';
import { importRecords, prismaCounts } from '../../src/core/review/index.js';
import { Db, initProject } from '../../src/core/store/index.js';
import { decodeText } from '../../src/core/text/index.js';
import { tempDir } from '../helpers.js';
import { thrown } from './fixture.js';

// The smaller holes of the hostile run: each once lost data silently or threw a raw error.
describe('smaller holes', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = tempDir();
    db = Db.open(initProject(dir).file);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, text: string | Buffer) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };

  it('reports a RIS record whose TY line is missing by its line, instead of dropping it', async () => {
    const file = write('lost-ty.ris', 'TI  - A record with no type\nAU  - Smith, A\nPY  - 2020\n\nTY  - JOUR\nTI  - Second record\nPY  - 2021\nER  - \n');
    const r = await importRecords(db, file, { source: 'Scopus' });
    expect(r.imported).toBe(1);
    // Stray fields that are no record (Ovid writes NL after ER) are not reported.
    expect((await importRecords(db, write('ovid.ris', 'TY  - JOUR\nTI  - Third\nER  - \nNL  - Clin Psychol\n'), { source: 'Ovid' })).problems).toEqual([]);
    expect(r.problems).toEqual([{ line: 1, message: 'a title without a "TY  - " line to open its record; the record is skipped' }]);
  });

  it('adds nothing when the same export is imported again, so PRISMA does not count it twice', async () => {
    const file = write('scopus.ris', 'TY  - JOUR\nTI  - Only one\nPY  - 2021\nER  - \n');
    expect((await importRecords(db, file, { source: 'Scopus' })).imported).toBe(1);
    const again = await importRecords(db, write('scopus-copy.ris', fs.readFileSync(file)), { source: 'Scopus again' });
    expect(again).toMatchObject({ imported: 0, alreadyImportedAs: 'Scopus' });
    expect(prismaCounts(db).identifiedTotal).toBe(1);
  });

  it('finds a quote of 3,000 words without a raw regular-expression error, and codes it', async () => {
    const long = Array.from({ length: 3000 }, (_, i) => `word${i % 97}`).join(' ');
    await ingest(db, [write('long.txt', `Long text\n\n${long}\n\nThe end.\n`)], { jobs: 0 });
    const words = long.split(' ');
    // Pasted with other line breaks and case: found all the same, at the stored offsets.
    const pasted = `${words.slice(0, 1500).join(' ')}\n  ${words.slice(1500).join('   ').toUpperCase()}`;
    const at = findQuote(db, 1, pasted);
    const page = db.sql.prepare('SELECT text FROM pages WHERE document_id = 1').pluck().get() as string;
    expect(page.slice(at.start, at.end)).toBe(long);
    db.sql.prepare("INSERT INTO frameworks (id, title, version, source, loaded_at) VALUES ('f', 'F', '1', '', 'now')").run();
    db.sql.prepare("INSERT INTO codes (id, framework_id, label, position) VALUES ('c', 'f', 'C', 0)").run();
    expect(addCoding(db, 'c', { quote: pasted, documentId: 1 }, 'amina').end).toBe(at.end);
    expect(thrown(() => findQuote(db, 1, `${long} missing`)).code).toBe('E_QUOTE_NOT_FOUND');
  });

  it('reads Japanese UTF-16 without a byte-order mark as Japanese, not as Windows-1252', async () => {
    const text = '人種差別についての報告書。\n職員の声を聞きました。\n'.repeat(20);
    for (const [encoding, bytes] of [['utf-16le', Buffer.from(text, 'utf16le')], ['utf-16be', Buffer.from(text, 'utf16le').swap16()]] as const) {
      expect(decodeText(bytes)).toEqual({ text, encoding });
    }
    // Windows-1252 text (no NULs) stays Windows-1252.
    expect(decodeText(Buffer.from('Caf\xe9 cr\xe8me, na\xefve r\xe9sum\xe9\n', 'latin1')).encoding).toBe('windows-1252');
    await ingest(db, [write('jp.txt', Buffer.from(text, 'utf16le'))], { jobs: 0 });
    expect(db.sql.prepare('SELECT text FROM pages').pluck().get()).toContain('人種差別についての報告書');
  });
});
