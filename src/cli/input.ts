import fs from 'node:fs';
import { InputError } from '../errors.js';

/** Reads a UTF-8 text file the user named, failing with one clear line when it cannot. */
export function readInput(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'E_NOT_FOUND' : 'E_READ', code === 'ENOENT' ? 'no such file' : `cannot read: ${(err as Error).message}`, file);
  }
}
