import fs from 'node:fs';
import path from 'node:path';
import { availableTemplates, BUNDLED_REPORTS_DIR, templateFolders } from '../render/templates.js';
import type { Db } from '../store/db.js';

/** What a report template draws on that the project does not have yet. */
export interface TemplateReadiness {
  name: string;
  file: string;
  /** What it uses and the project lacks, each with the command that supplies it; empty when ready. */
  lacks: string[];
}

/**
 * What a template uses, read from its source and the partials it includes: the model fields and
 * helpers it names. Reading the template, not a table of bundled names, keeps this true for a
 * user's own templates and for bundled ones that change.
 */
function usesOf(file: string): Set<string> {
  const dir = path.dirname(file);
  const seen = new Set<string>();
  const words = new Set<string>();
  const read = (f: string) => {
    if (seen.has(f) || !fs.existsSync(f)) return;
    seen.add(f);
    const source = fs.readFileSync(f, 'utf8');
    for (const m of source.matchAll(/\{\{([^}]*)\}\}/g)) {
      const body = m[1]!;
      const partial = /^\s*>\s*([\w-]+)/.exec(body);
      if (partial) {
        read(path.join(dir, `_${partial[1]}.md.hbs`));
        read(path.join(BUNDLED_REPORTS_DIR, `_${partial[1]}.md.hbs`));
      }
      for (const w of body.matchAll(/[A-Za-z_][\w]*/g)) words.add(w[0]);
    }
  };
  read(file);
  return words;
}

/** A need: the words that show a template has it, and what the project lacks when it is unmet. */
interface Need {
  uses: string[];
  met: (db: Db) => boolean;
  lack: string;
}

const has = (db: Db, sql: string) => db.sql.prepare(sql).get() !== undefined;

const NEEDS: Need[] = [
  { uses: ['project', 'documents', 'bibliography'], met: (db) => has(db, "SELECT 1 FROM documents WHERE status = 'ok' LIMIT 1"), lack: 'documents with text (litkit ingest)' },
  { uses: ['framework', 'codes', 'byId', 'code', 'count', 'quotes', 'matrix', 'intersection', 'intersectionality'], met: (db) => has(db, 'SELECT 1 FROM frameworks LIMIT 1'), lack: 'a framework (litkit framework load)' },
  { uses: ['codes', 'byId', 'code', 'count', 'quotes', 'matrix', 'intersection', 'intersectionality'], met: (db) => has(db, 'SELECT 1 FROM live_codings LIMIT 1'), lack: 'codings (litkit code auto, or code add)' },
  {
    uses: ['tor', 'plan'],
    met: (db) => has(db, "SELECT 1 FROM document_attributes WHERE (key = 'role' AND value = 'tor') OR (key = 'type' AND value = 'tor') LIMIT 1"),
    lack: 'a terms of reference document (ingest it, mark it with `litkit docs attr ID role=tor`, then report --tor ID)',
  },
  { uses: ['prisma', 'prismaTable'], met: (db) => has(db, 'SELECT 1 FROM records LIMIT 1'), lack: 'bibliographic records for the PRISMA flow (litkit records import)' },
  { uses: ['prisma', 'prismaTable'], met: (db) => !has(db, 'SELECT 1 FROM records LIMIT 1') || has(db, 'SELECT 1 FROM screening LIMIT 1'), lack: 'screening decisions for the PRISMA flow (litkit screen next, screen decide)' },
  { uses: ['memos'], met: (db) => has(db, 'SELECT 1 FROM memos LIMIT 1'), lack: 'memos (litkit memo add)' },
];

/** Each template a name can reach (project `templates/`, `--templates` folders, bundled) and what it still lacks in this project. */
export function templateReadiness(db: Db, projectDir: string, templateDirs: string[] = []): TemplateReadiness[] {
  const memo = new Map<Need, boolean>();
  const met = (n: Need) => memo.get(n) ?? memo.set(n, n.met(db)).get(n)!;
  return availableTemplates(templateFolders(projectDir, templateDirs)).map((t) => {
    const uses = usesOf(t.file);
    const lacks = NEEDS.filter((n) => n.uses.some((u) => uses.has(u)) && !met(n)).map((n) => n.lack);
    return { name: t.name, file: t.file, lacks };
  });
}
