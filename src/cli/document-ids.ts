import { UsageError } from '../errors.js';

/** Document ids from the command line, all checked before any is used. */
export function documentIds(argv: string[]): number[] {
  return argv.map((a) => {
    if (!/^\d+$/.test(a)) throw new UsageError('E_USAGE', `document ids are whole numbers, got "${a}"`);
    return Number(a);
  });
}
