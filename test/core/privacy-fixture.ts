import fs from 'node:fs';
import path from 'node:path';
import { loadFramework } from '../../src/core/coding/framework/store.js';
import { parseFramework } from '../../src/core/coding/framework/parse.js';
import { ingest } from '../../src/core/ingest/index.js';
import { Db, initProject } from '../../src/core/store/index.js';
import type { DetectOptions } from '../../src/core/privacy/index.js';
import { tempDir } from '../helpers.js';

const FRAMEWORK = `id: fx\ntitle: Fixture\nversion: "1"\ncodes:\n  - id: contact\n    label: Contact\n`;

/** A real project in a temporary folder holding `files` (name -> text), ingested for real. */
export async function projectWith(files: Record<string, string>, redact?: DetectOptions): Promise<{ dir: string; db: Db }> {
  const dir = tempDir('litkit-privacy-');
  const { file } = initProject(dir);
  const docs = path.join(dir, 'docs');
  fs.mkdirSync(docs);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(docs, name), text);
  const db = Db.open(file);
  await ingest(db, [docs], { jobs: 0, redact });
  loadFramework(db, parseFramework(FRAMEWORK, 'fx.yaml'), FRAMEWORK);
  return { dir, db };
}
