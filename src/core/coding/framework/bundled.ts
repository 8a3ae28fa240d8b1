import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The frameworks that ship with litkit. */
export const BUNDLED_FRAMEWORKS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'templates', 'frameworks');

/**
 * A framework file argument: a path, or the name of a bundled framework (`race-equality`), so that
 * users need not know where the package is installed.
 */
export function bundledFramework(nameOrPath: string): string {
  if (fs.existsSync(nameOrPath)) return nameOrPath;
  const bundled = path.join(BUNDLED_FRAMEWORKS_DIR, `${nameOrPath.replace(/\.ya?ml$/, '')}.yaml`);
  return fs.existsSync(bundled) ? bundled : nameOrPath;
}
