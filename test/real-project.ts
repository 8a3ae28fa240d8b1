import fs from 'node:fs';
import path from 'node:path';
import { parseFramework, loadFramework, bundledFramework } from '../src/core/coding/framework/index.js';
import { autocode } from '../src/core/coding/index.js';
import { ingest } from '../src/core/ingest/index.js';
import { Db } from '../src/core/store/db.js';
import { CORPUS, DEMO_TYPES, SHARED, tempDir } from './helpers.js';

/**
 * A project of real public texts, made from ../shared without copying them into the repository:
 * the two terms of reference of ../shared/seeds (the race-equality one marked as the review's own,
 * `role=tor`) and one web page per source of the hand-labelled passages in ../shared/coding-gold,
 * each written as a text file that opens with its title and a "Source: URL" line, as saved pages do.
 * Auto-coded with race-equality. The caller closes the database and removes `dir`.
 */
export async function realTextProject(): Promise<{ dir: string; db: Db }> {
  const dir = tempDir('litkit-real-');
  const pages = path.join(dir, 'web');
  fs.mkdirSync(pages);
  const bySource = new Map<string, string[]>();
  for (const line of fs.readFileSync(path.join(SHARED, 'coding-gold', 'dev.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const p = JSON.parse(line) as { source: string; text: string };
    if (!p.source.startsWith('http')) continue;
    bySource.set(p.source, [...(bySource.get(p.source) ?? []), p.text]);
  }
  let n = 0;
  for (const [url, texts] of bySource) {
    const host = new URL(url).hostname.replace(/^www\./, '');
    fs.writeFileSync(path.join(pages, `page-${String(++n).padStart(2, '0')}.txt`), `Page ${n} from ${host}\n\nSource: ${url}\n\n${texts.join('\n\n')}\n`);
  }
  const db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
  await ingest(db, [path.join(SHARED, 'seeds', 'terms-of-reference-race-equality-review.txt')], { jobs: 0, attributes: { type: 'tor', role: 'tor' } });
  await ingest(db, [path.join(SHARED, 'seeds', 'terms-of-reference-data-standards-assessment.txt')], { jobs: 0, attributes: { type: 'tor' } });
  await ingest(db, [pages], { jobs: 0, attributes: { type: 'web' } });
  const file = bundledFramework('race-equality');
  const text = fs.readFileSync(file, 'utf8');
  loadFramework(db, parseFramework(text, file), text);
  autocode(db, { framework: 'race-equality' });
  return { dir, db };
}

/** The bundled demo corpus, typed by folder and auto-coded with race-equality, built through the library. */
export async function demoLibraryProject(): Promise<{ dir: string; db: Db }> {
  const dir = tempDir('litkit-demo-');
  const db = Db.open(path.join(dir, 'litkit.sqlite'), { create: true });
  for (const [folder, type] of Object.entries(DEMO_TYPES)) await ingest(db, [path.join(CORPUS, folder)], { jobs: 0, attributes: { type } });
  const file = bundledFramework('race-equality');
  const text = fs.readFileSync(file, 'utf8');
  loadFramework(db, parseFramework(text, file), text);
  autocode(db, { framework: 'race-equality' });
  return { dir, db };
}
