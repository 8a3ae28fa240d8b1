import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../../errors.js';
import { parseFramework, type Framework } from '../coding/framework/index.js';
import { decodeText } from '../text/decode.js';
import { frameworkYaml, hexColour, slug, type YamlCode } from './framework-yaml.js';
import type { QdaCode } from './qda-model.js';
import { QdeReader } from './qde-read.js';

export interface CodebookImport {
  framework: Framework;
  yaml: string;
  codes: number;
  /** Code sets in the codebook, which a litkit framework has no place for. */
  sets: number;
  origin: string | null;
}

/** Codes with ids made from their labels under their parent's id, unique in the framework. */
function toYamlCodes(codes: QdaCode[], parentId: string | undefined, taken: Set<string>): YamlCode[] {
  return codes.map((c) => {
    const label = c.name.trim() || '(unnamed code)';
    let base = parentId ? `${parentId}.${slug(label) || 'code'}` : slug(label) || 'code';
    if (!parentId && !/^[a-z]/.test(base)) base = `code-${base}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return { id, label, definition: c.description?.trim() || undefined, colour: hexColour(c.colour), children: toYamlCodes(c.children, id, taken) };
  });
}

/**
 * Reads a REFI-QDA codebook (QDC, or the codebook of a project XML) into a litkit framework:
 * the hierarchy, labels, definitions and colours, with ids made from the labels and no rules.
 */
export function importCodebook(file: string, options: { id?: string; title?: string } = {}): CodebookImport {
  if (!fs.existsSync(file)) throw new InputError('E_NOT_FOUND', 'no such file', file);
  const reader = new QdeReader();
  reader.write(decodeText(fs.readFileSync(file)).text);
  const project = reader.end();
  if (reader.rootName !== 'CodeBook' && reader.rootName !== 'Project') {
    throw new InputError('E_QDC', `not a REFI-QDA codebook: the root element is ${reader.rootName ? `<${reader.rootName}>` : 'missing'}, not <CodeBook>`, file);
  }
  if (!project.codes.length) throw new InputError('E_QDC', 'the codebook has no codes', file);
  const name = path.basename(file, path.extname(file));
  const id = options.id ?? (slug(name, 30).replace(/^[^a-z]+/, '') || 'codebook');
  const codes = toYamlCodes(project.codes, undefined, new Set());
  const origin = project.origin ?? null;
  const yaml = frameworkYaml({ id, title: options.title ?? name, version: '1', description: `Imported from the codebook ${path.basename(file)}${origin ? ` (${origin})` : ''}: codes and definitions, no rules.` }, codes);
  const framework = parseFramework(yaml, file);
  return { framework, yaml, codes: framework.codes.length, sets: project.sets.length, origin };
}
