import fs from 'node:fs';
import path from 'node:path';
import { autocode } from '../../src/core/coding/index.js';
import { bundledFramework, loadFramework, parseFramework } from '../../src/core/coding/framework/index.js';
import { ingest } from '../../src/core/ingest/index.js';
import { Db, PROJECT_FILE } from '../../src/core/store/index.js';
import { tempDir } from '../helpers.js';

export interface CodedProject {
  dir: string;
  db: Db;
  close(): void;
}

/**
 * A new project in a temporary folder holding `paths` (files or folders), with race-equality
 * loaded and, unless `auto` is false, auto-coded: built through the library, no CLI spawns.
 */
export async function codedProject(paths: string[], options: { auto?: boolean } = {}): Promise<CodedProject> {
  const dir = tempDir('litkit-coding-');
  const db = Db.open(path.join(dir, PROJECT_FILE), { create: true });
  await ingest(db, paths, { jobs: 0 });
  const file = bundledFramework('race-equality');
  const yaml = fs.readFileSync(file, 'utf8');
  loadFramework(db, parseFramework(yaml, file), yaml);
  if (options.auto !== false) autocode(db);
  return {
    dir,
    db,
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
