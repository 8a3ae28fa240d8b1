import { isMap, isSeq, parseDocument, stringify, type YAMLMap, type YAMLSeq } from 'yaml';

/** A code to write into a framework's YAML: definitions and colours, no rules. */
export interface YamlCode {
  id: string;
  label: string;
  definition?: string;
  colour?: string;
  children: YamlCode[];
}

const plain = (c: YamlCode): Record<string, unknown> => ({
  id: c.id,
  label: c.label,
  ...(c.definition ? { definition: c.definition } : {}),
  ...(c.colour ? { colour: c.colour } : {}),
  ...(c.children.length ? { children: c.children.map(plain) } : {}),
});

/** A new framework's YAML, as `framework export` will give it back; the codes have no rules until someone writes them. */
export function frameworkYaml(fw: { id: string; title: string; version: string; description: string }, codes: YamlCode[]): string {
  return stringify({ id: fw.id, title: fw.title, version: fw.version, description: fw.description, codes: codes.map(plain) }, { lineWidth: 100 });
}

function findCode(seq: YAMLSeq, id: string): YAMLMap | undefined {
  for (const item of seq.items) {
    if (!isMap(item)) continue;
    if (item.get('id') === id) return item;
    const children = item.get('children');
    if (isSeq(children)) {
      const found = findCode(children, id);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Adds codes to a loaded framework's YAML, each under its parent (or at the top), keeping the
 * file's comments and layout: the framework stays the user's file, with the new codes in it.
 */
export function appendCodes(source: string, additions: { parentId: string | null; code: YamlCode }[]): string {
  const doc = parseDocument(source);
  const codes = doc.get('codes');
  if (!isSeq(codes)) throw new Error('the framework has no list of codes');
  for (const { parentId, code } of additions) {
    const parent = parentId ? findCode(codes, parentId) : undefined;
    let target: YAMLSeq = codes;
    if (parent) {
      const children = parent.get('children');
      if (isSeq(children)) target = children;
      else {
        target = doc.createNode([]) as YAMLSeq;
        parent.set('children', target);
      }
    }
    target.items.push(doc.createNode(plain(code)));
  }
  return doc.toString({ lineWidth: 100 });
}

/** A code id part from a label: lower-case ASCII words joined by hyphens, as framework ids must be. */
export function slug(label: string, max = 40): string {
  const words = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  let s = words;
  if (s.length > max) s = s.slice(0, max).replace(/-[^-]*$/, '') || s.slice(0, max);
  return s;
}

/** A colour as frameworks write it (#rrggbb), from what tools write (#RGB, #RRGGBB, without #); undefined when it is none. */
export function hexColour(c: string | undefined): string | undefined {
  const m = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(c?.trim() ?? '');
  if (!m) return undefined;
  return `#${(m[1]!.length === 3 ? [...m[1]!].map((x) => x + x).join('') : m[1]!).toLowerCase()}`;
}
