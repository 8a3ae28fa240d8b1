import { UsageError } from '../../errors.js';
import { frameworkCodes, listFrameworks } from '../coding/framework/index.js';
import type { Db } from '../store/db.js';
import { codeGuid, frameworkGuid } from './guid.js';
import { litkitOrigin } from './origin.js';
import { attrs, xmlText } from './xml.js';

/** A code as REFI-QDA sees it: a tree node with a GUID, a name, a description and a colour. */
export interface TreeCode {
  guid: string;
  name: string;
  description?: string;
  colour?: string;
  codable: boolean;
  children: TreeCode[];
  /** GUIDs of the notes (memos) on the code; QDC has no notes. */
  notes: string[];
  /** The litkit code id, for the caller's bookkeeping (never written). */
  id?: string;
}

/**
 * The project's codes as a tree per framework. With several frameworks loaded, each becomes a
 * top-level code that is not codable and holds its codes, so their hierarchies stay apart.
 */
export function codeTree(db: Db, options: { framework?: string; notes?: Map<string, string[]> } = {}): TreeCode[] {
  const frameworks = listFrameworks(db).filter((f) => !options.framework || f.id === options.framework);
  if (options.framework && !frameworks.length) throw new UsageError('E_NO_FRAMEWORK', `no framework "${options.framework}" in the project`);
  const trees = frameworks.map((fw) => {
    const nodes = new Map<string, TreeCode>();
    const roots: TreeCode[] = [];
    const codes = frameworkCodes(db, fw.id);
    for (const c of codes) {
      nodes.set(c.id, {
        guid: codeGuid(fw.id, c.id),
        name: c.label,
        description: c.definition ?? undefined,
        colour: c.colour ?? undefined,
        codable: true,
        children: [],
        notes: options.notes?.get(c.id) ?? [],
        id: c.id,
      });
    }
    for (const c of codes) {
      const parent = c.parentId ? nodes.get(c.parentId) : undefined;
      (parent ? parent.children : roots).push(nodes.get(c.id)!);
    }
    return { fw, roots };
  });
  if (trees.length <= 1) return trees[0]?.roots ?? [];
  return trees.map(({ fw, roots }) => ({ guid: frameworkGuid(fw.id), name: fw.title, description: `litkit framework ${fw.id}, version ${fw.version}`, codable: false, children: roots, notes: [] }));
}

/** Writes `<Code>` elements, children inside their parent, in the order of the schemas (Description, NoteRef, Code). */
export function writeCodes(write: (s: string) => void, codes: TreeCode[], depth = 3, withNotes = true): void {
  const pad = ' '.repeat(depth);
  for (const c of codes) {
    const open = `${pad}<Code${attrs({ guid: c.guid, name: c.name, isCodable: c.codable, color: c.colour })}`;
    const notes = withNotes ? c.notes : [];
    if (!c.description && !notes.length && !c.children.length) {
      write(`${open}/>\n`);
      continue;
    }
    write(`${open}>\n`);
    if (c.description) write(`${pad} <Description>${xmlText(c.description)}</Description>\n`);
    for (const n of notes) write(`${pad} <NoteRef targetGUID="${n}"/>\n`);
    writeCodes(write, c.children, depth + 1, withNotes);
    write(`${pad}</Code>\n`);
  }
}

/** The framework (or all frameworks) as a REFI-QDA codebook (QDC): codes, hierarchy, definitions, colours. */
export function exportCodebook(db: Db, framework?: string): string {
  const tree = codeTree(db, { framework });
  if (!tree.length) throw new UsageError('E_NO_FRAMEWORK', 'no codes to export; load a framework first (`litkit framework load`)');
  const parts: string[] = [`<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"${attrs({ origin: litkitOrigin() })}>\n <Codes>\n`];
  writeCodes((s) => parts.push(s), tree, 2, false);
  parts.push(' </Codes>\n</CodeBook>\n');
  return parts.join('');
}
