import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** `litkit 0.1.0`: what exports name as their origin (the package is three folders up from src/ and dist/ alike). */
export function litkitOrigin(): string {
  if (!cached) {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'package.json');
    const version = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version : undefined;
    cached = `litkit ${version ?? ''}`.trim();
  }
  return cached;
}
