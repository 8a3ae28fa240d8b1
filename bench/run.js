#!/usr/bin/env node
// Benchmarks, run as `npm run bench -- <name> [args]`. Each prints measurements with ratios
// against a baseline measured in the same run, never absolute targets alone.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benches = {
  definitions: () => import('./definitions.js'),
  ingest: () => import('./ingest.js'),
  'ingest-memory': () => import('./ingest-memory.js'),
  query: () => import('./query.js'),
  screen: () => import('./screen-sets.js'),
  'screen-scale': () => import('./screen.js'),
  coding: () => import('./coding.js'),
  interop: () => import('./interop.js'),
  'coding-learning': () => import('./coding-learning.js'),
  ocr: () => import('./ocr.js'),
  survey: () => import('./survey.js'),
};

const [name = 'ingest', ...args] = process.argv.slice(2);
const load = benches[name];
if (!load) {
  console.error(`bench: unknown benchmark "${name}"; known: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await (await load()).run(args, root);
