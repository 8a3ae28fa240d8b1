import { UsageError } from '../../../errors.js';
import { audit } from '../../store/audit.js';
import type { Db } from '../../store/db.js';
import type { Code, Framework, Rules } from './schema.js';

interface CodeRow {
  id: string;
  framework_id: string;
  parent_id: string | null;
  label: string;
  definition: string | null;
  colour: string | null;
  rules: string;
  position: number;
}

interface FrameworkRow {
  id: string;
  title: string;
  version: string;
  source: string;
  loaded_at: string;
}

export interface LoadReport {
  framework: string;
  version: string;
  added: string[];
  renamed: { from: string; to: string }[];
  removed: { id: string; codings: number }[];
  kept: number;
}

const toCode = (r: CodeRow): Code => ({
  id: r.id,
  parentId: r.parent_id,
  label: r.label,
  definition: r.definition,
  colour: r.colour,
  rules: JSON.parse(r.rules) as Rules,
  was: [],
  position: r.position,
});

/**
 * Loads (or reloads) a framework. Codes that still exist keep their codings; a code whose `was:`
 * names an old id is renamed, codings and all; removing a code that has codings needs `force`,
 * which deletes those codings too. Everything happens in one transaction.
 */
export function loadFramework(db: Db, fw: Framework, source: string, options: { force?: boolean; actor?: string } = {}): LoadReport {
  const s = db.sql;
  const existing = new Map((s.prepare('SELECT * FROM codes WHERE framework_id = ?').all(fw.id) as CodeRow[]).map((r) => [r.id, r]));
  const codingCount = s.prepare('SELECT count(*) FROM codings WHERE code_id = ?').pluck();
  const elsewhere = s.prepare('SELECT framework_id FROM codes WHERE id = ? AND framework_id <> ?').pluck();
  const report: LoadReport = { framework: fw.id, version: fw.version, added: [], renamed: [], removed: [], kept: 0 };

  const renames = new Map<string, string>();
  for (const c of fw.codes) {
    const other = elsewhere.get(c.id, fw.id) as string | undefined;
    if (other) throw new UsageError('E_FRAMEWORK_CONFLICT', `code id "${c.id}" already belongs to framework "${other}"; code ids must be unique in a project`);
    if (existing.has(c.id)) continue;
    const old = c.was.find((w) => existing.has(w));
    if (old) renames.set(old, c.id);
  }
  const wanted = new Set(fw.codes.map((c) => c.id));
  const removed = [...existing.keys()].filter((id) => !wanted.has(id) && !renames.has(id));
  const blocking = removed.map((id) => ({ id, codings: codingCount.get(id) as number })).filter((r) => r.codings > 0);
  if (blocking.length && !options.force) {
    const list = blocking.map((b) => `${b.id} (${b.codings} codings)`).join(', ');
    throw new UsageError('E_FRAMEWORK_REMOVES_CODED', `the new framework drops codes that have codings: ${list}; add was: to rename them, or pass --force to delete them and their codings`);
  }

  db.transaction(() => {
    s.prepare('INSERT INTO frameworks (id, title, version, source, loaded_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, version = excluded.version, source = excluded.source, loaded_at = excluded.loaded_at').run(fw.id, fw.title, fw.version, source, new Date().toISOString());
    const rename = s.prepare('UPDATE codes SET id = ? WHERE id = ?');
    for (const [from, to] of renames) {
      rename.run(to, from);
      report.renamed.push({ from, to });
    }
    const del = s.prepare('DELETE FROM codes WHERE id = ?');
    for (const id of removed) {
      report.removed.push({ id, codings: codingCount.get(id) as number });
      del.run(id);
    }
    const upsert = s.prepare(`INSERT INTO codes (id, framework_id, parent_id, label, definition, colour, rules, position)
      VALUES (@id, @framework, @parentId, @label, @definition, @colour, @rules, @position)
      ON CONFLICT(id) DO UPDATE SET parent_id = excluded.parent_id, label = excluded.label, definition = excluded.definition,
        colour = excluded.colour, rules = excluded.rules, position = excluded.position`);
    for (const c of fw.codes) {
      if (existing.has(c.id) || [...renames.values()].includes(c.id)) report.kept++;
      else report.added.push(c.id);
      upsert.run({ ...c, framework: fw.id, rules: JSON.stringify(c.rules) });
    }
    audit(db, options.actor ?? 'litkit', 'framework.load', fw.id, report);
  });
  return report;
}

/** The frameworks loaded in the project. */
export function listFrameworks(db: Db): { id: string; title: string; version: string; codes: number; loadedAt: string }[] {
  return (db.sql.prepare('SELECT f.*, (SELECT count(*) FROM codes c WHERE c.framework_id = f.id) AS n FROM frameworks f ORDER BY f.id').all() as (FrameworkRow & { n: number })[]).map((r) => ({
    id: r.id,
    title: r.title,
    version: r.version,
    codes: r.n,
    loadedAt: r.loaded_at,
  }));
}

/** Picks the framework a command means: the one named, or the only one loaded. */
export function resolveFramework(db: Db, id?: string): { id: string; title: string; version: string; source: string } {
  const rows = db.sql.prepare('SELECT * FROM frameworks ORDER BY id').all() as FrameworkRow[];
  if (id) {
    const row = rows.find((r) => r.id === id);
    if (!row) throw new UsageError('E_NO_FRAMEWORK', `no framework "${id}" in the project (loaded: ${rows.map((r) => r.id).join(', ') || 'none'})`);
    return row;
  }
  if (rows.length === 0) throw new UsageError('E_NO_FRAMEWORK', 'no framework is loaded; run `litkit framework load FILE` (bundled: templates/frameworks/)');
  if (rows.length > 1) throw new UsageError('E_USAGE', `several frameworks are loaded (${rows.map((r) => r.id).join(', ')}); name one with --framework`);
  return rows[0]!;
}

/** The codes of a framework, in file order. */
export function frameworkCodes(db: Db, frameworkId: string): Code[] {
  return (db.sql.prepare('SELECT * FROM codes WHERE framework_id = ? ORDER BY position').all(frameworkId) as CodeRow[]).map(toCode);
}

/** Every code in the project (all frameworks), by id. */
export function allCodes(db: Db): Map<string, Code & { frameworkId: string }> {
  const rows = db.sql.prepare('SELECT * FROM codes ORDER BY framework_id, position').all() as CodeRow[];
  return new Map(rows.map((r) => [r.id, { ...toCode(r), frameworkId: r.framework_id }]));
}
