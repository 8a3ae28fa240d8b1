import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Config, Errors, run } from '@oclif/core';

/**
 * Runs litkit's built commands inside the test process, as bin/run.js would run them in a new one:
 * the same oclif config (loaded once per test file instead of once per spawn, which is what costs
 * ~1-2 s a call), the same root-help shortcut, the same error handler (`Errors.handle`) with its
 * process exit caught, so exit codes and the one-line errors of src/cli/base.ts are what a user sees.
 * Spawned runs are kept for the README flows (test/readme.test.ts) and one ingest of the demo.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOT_ONLY = ['--help', '-h', 'help', '--version', '-v'];

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  input?: string;
}

let config: Promise<Config> | undefined;

/** Runs `litkit ...args` in this process with its own cwd, environment, stdin, stdout and stderr. */
export async function runInProcess(args: string[], options: RunOptions = {}): Promise<CliResult> {
  config ??= Config.load({ root: ROOT });
  const loaded = await config;
  const out: string[] = [];
  const err: string[] = [];
  const restore = redirect(out, err, options);
  let code: number;
  try {
    code = await execute(args, loaded);
  } finally {
    restore();
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

async function execute(args: string[], loaded: Config): Promise<number> {
  process.exitCode = undefined;
  const rootOnly = args.length === 0 || (args.length === 1 && ROOT_ONLY.includes(args[0]!));
  const realExit = process.exit;
  // Errors.handle ends with process.exit(code) as its last step (a throw here would land in its
  // own catch and turn every code into 1), so record the code and return.
  let exited: number | undefined;
  process.exit = ((c?: number | string | null) => {
    exited = Number(c ?? process.exitCode ?? 0);
  }) as typeof process.exit;
  try {
    if (rootOnly) {
      const { answerFromManifest } = (await import(pathToFileURL(path.join(ROOT, 'dist', 'cli', 'root-help.js')).href)) as { answerFromManifest(flag?: string): boolean };
      if (answerFromManifest(args[0])) return Number(process.exitCode ?? 0);
    }
    try {
      // No oclif flush() here, as bin/run.js's execute() does: output is captured synchronously,
      // and each flush leaves a 'drain' listener on the real stdout, warning after ten runs.
      await run(args, loaded);
    } catch (error) {
      await Errors.handle(error as Error);
      return exited ?? 1;
    }
    return Number(process.exitCode ?? 0);
  } finally {
    process.exit = realExit;
    process.exitCode = undefined;
  }
}

/** Points process.cwd, env, stdin, stdout, stderr and console at this run; returns the undo. */
function redirect(out: string[], err: string[], options: RunOptions): () => void {
  const cwd = process.cwd();
  const env = { ...process.env };
  const stdin = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  const writes = [process.stdout.write, process.stderr.write] as const;
  const consoles = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const sink = (into: string[]) =>
    ((chunk: string | Uint8Array, encoding?: unknown, cb?: unknown) => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = typeof encoding === 'function' ? encoding : cb;
      if (typeof done === 'function') done();
      return true;
    }) as typeof process.stdout.write;
  const line =
    (into: string[]) =>
    (...parts: unknown[]) =>
      into.push(`${parts.map((p) => (typeof p === 'string' ? p : String(p))).join(' ')}\n`);

  process.chdir(options.cwd ?? ROOT);
  Object.assign(process.env, { LITKIT_PROJECT: '', FORCE_COLOR: '0' }, options.env);
  const input = Readable.from([options.input ?? '']) as Readable & { isTTY?: boolean };
  Object.defineProperty(process, 'stdin', { configurable: true, enumerable: stdin.enumerable, get: () => input });
  process.stdout.write = sink(out);
  process.stderr.write = sink(err);
  Object.assign(console, { log: line(out), info: line(out), warn: line(err), error: line(err) });
  return () => {
    process.chdir(cwd);
    for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
    Object.assign(process.env, env);
    Object.defineProperty(process, 'stdin', stdin);
    [process.stdout.write, process.stderr.write] = writes;
    Object.assign(console, consoles);
  };
}
