import { allCodes, listFrameworks, loadFramework, parseFramework, resolveFramework } from '../coding/framework/index.js';
import type { Db } from '../store/db.js';
import { appendCodes, frameworkYaml, slug, type YamlCode } from './framework-yaml.js';
import type { Incoming } from './incoming.js';

export interface CodeResolution {
  /** Incoming code key → the project's code id. */
  ids: Map<string, string>;
  matched: number;
  added: string[];
  /** Frameworks loaded whole, created, or extended with new codes. */
  frameworks: { id: string; action: 'loaded' | 'created' | 'extended' }[];
}

export interface ResolveOptions {
  /** The framework that takes codes the project does not have (created when missing). */
  framework?: string;
  actor?: string;
}

const pathKey = (labels: string[]) => labels.map((l) => l.trim().toLowerCase()).join('\u0000');

/**
 * Finds or makes a project code for each incoming code: by litkit id (litkit exports and
 * projects), else by the path of labels from the top of the codebook (other tools), else as a
 * new code with an id made from its label, added under its parent to the framework named (or a
 * framework named after the incoming project). Frameworks carried whole are loaded when missing.
 */
export function resolveIncomingCodes(db: Db, incoming: Incoming, options: ResolveOptions = {}): CodeResolution {
  const result: CodeResolution = { ids: new Map(), matched: 0, added: [], frameworks: [] };
  const loaded = new Set(listFrameworks(db).map((f) => f.id));
  for (const fw of incoming.frameworks) {
    if (loaded.has(fw.id)) continue;
    loadFramework(db, parseFramework(fw.yaml, `${incoming.file}: framework ${fw.id}`), fw.yaml, { actor: options.actor });
    loaded.add(fw.id);
    result.frameworks.push({ id: fw.id, action: 'loaded' });
  }

  const local = allCodes(db);
  const labelPath = (id: string): string[] => {
    const c = local.get(id);
    return c ? [...(c.parentId ? labelPath(c.parentId) : []), c.label] : [];
  };
  const byPath = new Map<string, string>();
  for (const id of local.keys()) byPath.set(pathKey(labelPath(id)), id);
  const taken = new Set(local.keys());
  const frameworkOf = new Map([...local].map(([id, c]) => [id, c.frameworkId]));

  const incomingPath = new Map<string, string[]>();
  const additions = new Map<string, { parentId: string | null; code: YamlCode }[]>();
  const target = options.framework ?? (slug(incoming.projectName, 30).replace(/^[^a-z]+/, '') || 'imported');
  for (const c of incoming.codes) {
    const labels = [...(c.parentKey ? (incomingPath.get(c.parentKey) ?? []) : []), c.label];
    incomingPath.set(c.key, labels);
    const existing = c.id && local.has(c.id) ? c.id : byPath.get(pathKey(labels));
    if (existing) {
      result.ids.set(c.key, existing);
      result.matched++;
      continue;
    }
    const parentId = c.parentKey ? result.ids.get(c.parentKey) : undefined;
    const framework = parentId ? frameworkOf.get(parentId)! : c.frameworkId && loaded.has(c.frameworkId) ? c.frameworkId : target;
    let base = c.id && !taken.has(c.id) ? c.id : parentId ? `${parentId}.${slug(c.label) || 'code'}` : slug(c.label) || 'code';
    if (!parentId && !/^[a-z]/.test(base)) base = `code-${base}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    frameworkOf.set(id, framework);
    result.ids.set(c.key, id);
    result.added.push(id);
    const list = additions.get(framework) ?? [];
    list.push({ parentId: parentId ?? null, code: { id, label: c.label, definition: c.definition, colour: c.colour, children: [] } });
    additions.set(framework, list);
  }

  for (const [fwId, list] of additions) {
    const exists = loaded.has(fwId);
    const source = exists
      ? resolveFramework(db, fwId).source
      : frameworkYaml({ id: fwId, title: incoming.projectName || fwId, version: '1', description: `Imported from ${incoming.file}${incoming.origin ? ` (${incoming.origin})` : ''}: codes and definitions, no rules.` }, []);
    const yaml = appendCodes(source, list);
    loadFramework(db, parseFramework(yaml, `${incoming.file}: framework ${fwId}`), yaml, { actor: options.actor });
    loaded.add(fwId);
    result.frameworks.push({ id: fwId, action: exists ? 'extended' : 'created' });
  }
  return result;
}
