import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

export interface FileFilter {
  include?: string[];
  exclude?: string[];
  /** Absolute paths never to collect (the project's own database files). */
  ignore?: string[];
}

/**
 * The files named by `paths`, folders walked recursively in a stable (sorted) order. Globs match
 * the path relative to the folder given, and also the bare file name, so `--include '*.pdf'` and
 * `--exclude 'drafts/**'` both do what they say. Hidden files and folders are passed over in walks.
 */
export function collectFiles(paths: string[], filter: FileFilter = {}): { files: string[]; missing: string[] } {
  const include = filter.include?.length ? picomatch(filter.include, { dot: true }) : undefined;
  const exclude = filter.exclude?.length ? picomatch(filter.exclude, { dot: true }) : undefined;
  const accepts = (rel: string) => {
    const name = path.basename(rel);
    if (exclude && (exclude(rel) || exclude(name))) return false;
    return !include || include(rel) || include(name);
  };
  const out: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const ignored = new Set(filter.ignore ?? []);
  const push = (file: string) => {
    const abs = path.resolve(file);
    if (!seen.has(abs) && !ignored.has(abs)) {
      seen.add(abs);
      out.push(file);
    }
  };
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      missing.push(given);
      continue;
    }
    if (!stat.isDirectory()) {
      if (accepts(path.basename(given))) push(given);
      continue;
    }
    const walk = (dir: string) => {
      const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
      for (const e of entries) {
        if (e.name.startsWith('.')) continue;
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.isFile() && accepts(path.relative(given, full).split(path.sep).join('/'))) push(full);
      }
    };
    walk(given);
  }
  return { files: out, missing };
}
