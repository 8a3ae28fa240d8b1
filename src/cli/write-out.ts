import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';

/**
 * Writes a command's output file whole or not at all (a partial file, renamed when complete), and
 * never over the project database.
 */
export function writeOutput(file: string, projectFile: string, produce: (partial: string) => void): void {
  const target = path.resolve(file);
  if (target === path.resolve(projectFile)) throw new UsageError('E_OVERWRITE_PROJECT', `refusing to write over the project database ${file}`);
  const partial = `${target}.partial-${process.pid}`;
  try {
    produce(partial);
    fs.renameSync(partial, target);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}
