import fs from 'node:fs';
import path from 'node:path';
import { importRecords } from '../../src/core/review/index.js';
import { Db } from '../../src/core/store/index.js';

/** A RIS export of records titled as given (one per line), numbered 1, 2, ... in the project. */
export async function projectWith(dir: string, titles: string[]): Promise<Db> {
  const db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
  const file = path.join(dir, 'records.ris');
  fs.writeFileSync(file, titles.map((t, i) => `TY  - JOUR\nTI  - ${t}\nAU  - Author${i}, A\nPY  - 2020\nER  -\n`).join(''));
  await importRecords(db, file, { source: 'Hand' });
  return db;
}

