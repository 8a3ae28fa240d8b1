// What `ingest --redact` would mask in real text, so that false positives (years, page ranges,
// article numbers, UN document symbols) can be read and counted by a person.
//
//   node bench/redact-precision.js PROJECT.sqlite [GOLD.jsonl] [--samples N]
//
// PROJECT.sqlite: a project holding the real corpus (e.g. ../shared/corpus ingested without
// --redact); GOLD.jsonl: ../shared/coding-gold/dev.jsonl. Prints counts per kind and, for each
// kind, up to N masked values with 30 characters of context either side.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { detect, REDACTION_KINDS } from '../dist/core/privacy/index.js';

const args = process.argv.slice(2);
const n = args.includes('--samples') ? Number(args[args.indexOf('--samples') + 1]) : 15;
const [projectFile, goldFile] = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--samples');

const texts = [];
if (projectFile) {
  const db = new Database(projectFile, { readonly: true });
  for (const r of db.prepare('SELECT d.source_path AS src, p.number, p.text FROM pages p JOIN documents d ON d.id = p.document_id').iterate()) {
    texts.push({ where: `${r.src.split('/').pop()} p.${r.number}`, text: r.text });
  }
}
if (goldFile) {
  for (const line of fs.readFileSync(goldFile, 'utf8').split('\n').filter(Boolean)) {
    const g = JSON.parse(line);
    texts.push({ where: `gold ${g.id}`, text: g.text });
  }
}
const byKind = Object.fromEntries(REDACTION_KINDS.map((k) => [k, []]));
let chars = 0;
for (const t of texts) {
  chars += t.text.length;
  for (const f of detect(t.text)) {
    const ctx = (a, b) => t.text.slice(a, b).replace(/\s+/g, ' ');
    byKind[f.kind].push(`${t.where}: …${ctx(Math.max(0, f.start - 30), f.start)}«${t.text.slice(f.start, f.end)}»${ctx(f.end, f.end + 30)}…`);
  }
}
console.log(`${texts.length} texts, ${(chars / 1e6).toFixed(2)} M characters`);
for (const k of REDACTION_KINDS) {
  console.log(`\n${k}: ${byKind[k].length}`);
  for (const s of byKind[k].slice(0, n)) console.log(`  ${s}`);
}
