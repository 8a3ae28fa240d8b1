import { Db, lastOpenedProject, recordCommand } from '../core/store/index.js';
import { currentCoder } from '../core/store/settings.js';

/**
 * The commands that change a project, by oclif id: each successful run is recorded in the audit
 * log by the base class. A new command that writes belongs here.
 */
export const WRITING_COMMANDS = new Set([
  'ingest', 'redact', 'merge',
  'docs:rm', 'docs:purge', 'docs:attr',
  'code:auto', 'code:add', 'code:rm', 'code:decide', 'code:review', 'code:suggest',
  'memo:add', 'speakers:set',
  'framework:load', 'framework:import',
  'config:set',
  'records:import', 'records:dedupe', 'records:attach',
  'screen:decide', 'screen:import', 'screen:resolve', 'screen:review', 'screen:next',
  'extract:set', 'extract:import', 'extract:form',
  'import:qdpx',
]);

// Values that are document text, notes or personal data: recorded as withheld, never as given.
const FREE_TEXT = new Set(['quote', 'text', 'reason', 'title', 'value', 'names', 'memo', 'note', 'term', 'speaker']);
const WITHHELD = '[withheld]';

/** A command's arguments for the log: flags and args by name, free text withheld, key=value pairs by key. */
export function auditArgs(parsed: { flags: Record<string, unknown>; args: Record<string, unknown>; argv: unknown[] }): Record<string, unknown> {
  const clean = (name: string, v: unknown): unknown => {
    if (v === undefined) return undefined;
    if (Array.isArray(v)) return v.map((x) => clean(name, x));
    if (FREE_TEXT.has(name)) return WITHHELD;
    if (typeof v === 'string' && /^[^=\s]+=/.test(v)) return `${v.slice(0, v.indexOf('='))}=${WITHHELD}`;
    return v;
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed.flags)) if (k !== 'json' && v !== undefined) out[`--${k}`] = clean(k, v);
  const named = new Set(Object.values(parsed.args));
  for (const [k, v] of Object.entries(parsed.args)) if (v !== undefined) out[k] = clean(k, v);
  // Variadic commands (docs rm 3 4 5): the rest of the positional values.
  const rest = parsed.argv.filter((a) => !named.has(a));
  if (rest.length) out.more = rest.map((a) => clean('', a));
  return out;
}

/** The numbers in a command's result: numbers as they are, lists by length, one level deep. */
export function auditCounts(result: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (Array.isArray(result)) return { items: result.length };
  if (!result || typeof result !== 'object') return out;
  for (const [k, v] of Object.entries(result)) {
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
    else if (Array.isArray(v)) out[k] = v.length;
    else if (v && typeof v === 'object') for (const [k2, v2] of Object.entries(v)) if (typeof v2 === 'number') out[`${k}.${k2}`] = v2;
  }
  return out;
}

/** Records a successful writing command in the project it opened. */
export function auditCommand(id: string, parsed: { flags: Record<string, unknown>; args: Record<string, unknown>; argv: unknown[] }, result: unknown): void {
  const file = lastOpenedProject();
  if (!file || !WRITING_COMMANDS.has(id)) return;
  const db = Db.open(file);
  try {
    const f = parsed.flags;
    const actor = currentCoder(db, (f.coder ?? f.author ?? f.reviewer ?? f.resolver) as string | undefined);
    recordCommand(db, { actor, command: id.replace(/:/g, ' '), args: auditArgs(parsed), counts: auditCounts(result) });
  } finally {
    db.close();
  }
}
