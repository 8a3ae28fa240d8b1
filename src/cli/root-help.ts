import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface ManifestCommand {
  id: string;
  description?: string;
  hidden?: boolean;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const summaryOf = (description = '') => description.split('\n')[0]!.trim();

/**
 * `litkit`, `litkit --help` and `litkit --version` answered from oclif's command manifest without
 * loading oclif, which costs over 100 ms of module loading that these answers do not need.
 * Returns false when the manifest is missing (a development tree), so oclif answers instead.
 */
export function answerFromManifest(flag: string | undefined): boolean {
  const manifestFile = path.join(ROOT, 'oclif.manifest.json');
  if (!fs.existsSync(manifestFile)) return false;
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
    description: string;
    oclif: { bin: string; topics?: Record<string, { description: string }> };
  };
  const bin = pkg.oclif.bin;
  const version = `${bin}/${pkg.version} ${os.platform()}-${os.arch()} node-${process.version}`;
  if (flag === '--version' || flag === '-v') {
    process.stdout.write(`${version}\n`);
    return true;
  }
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { commands: Record<string, ManifestCommand> };
  const commands = Object.values(manifest.commands).filter((c) => !c.hidden);
  const topics = Object.entries(pkg.oclif.topics ?? {}).map(([name, t]) => [name, t.description] as const);
  const top = commands.filter((c) => !c.id.includes(':')).map((c) => [c.id, summaryOf(c.description)] as const);
  const width = Math.max(...[...topics, ...top].map(([n]) => n.length)) + 2;
  const list = (rows: readonly (readonly [string, string])[]) => rows.map(([n, d]) => `  ${n.padEnd(width)}${d}`).join('\n');
  process.stdout.write(
    [
      pkg.description,
      '',
      'VERSION',
      `  ${version}`,
      '',
      'USAGE',
      `  $ ${bin} [COMMAND]`,
      '',
      'TOPICS',
      list(topics),
      '',
      'COMMANDS',
      list(top),
      '',
      `Run \`${bin} COMMAND --help\` for a command's flags and examples.`,
      '',
    ].join('\n'),
  );
  return true;
}
