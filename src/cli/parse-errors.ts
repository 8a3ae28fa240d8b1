import { Errors } from '@oclif/core';
import distances from 'natural/lib/natural/distance/levenshtein_distance.js';
import { UsageError } from '../errors.js';

/** The known name closest to what was typed, when it is close enough to be a slip of the keyboard. */
export function didYouMean(typed: string, known: string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const name of known) {
    const d = distances.LevenshteinDistance(typed.toLowerCase(), name.toLowerCase());
    if (!best || d < best.d) best = { name, d };
  }
  return best && best.d <= Math.max(2, Math.floor(typed.length / 3)) ? best.name : undefined;
}

/**
 * oclif's parse errors (an unknown flag, a missing value, argument or option not offered)
 * as one litkit usage error, exit 2, with a "did you mean" for a misspelt flag; undefined for any
 * other error.
 */
export function parseFailure(err: Error, command: string, flags: string[]): UsageError | undefined {
  // litkit's own failures are LitkitErrors and its commands never call this.error(), so an oclif
  // CLIError that is not an exit comes from parsing the command line.
  // A flag's own parse function failing comes back as that error, its message wrapped by oclif.
  const fromFlagParser = /^Parsing --\S+ ?\n/.test(err.message);
  if ((!(err instanceof Errors.CLIError) && !fromFlagParser) || err instanceof Errors.ExitError) return undefined;
  const help = `see \`litkit ${command.replaceAll(':', ' ')} --help\``;
  const e = err as Errors.CLIError & { flags?: string[]; args?: ({ name?: string } | string)[] };
  if (Array.isArray(e.flags)) {
    const known = flags.map((f) => `--${f}`);
    const named = e.flags.map((f) => {
      const guess = didYouMean(f.replace(/=.*$/, ''), known);
      return guess ? `${f} (did you mean ${guess}?)` : f;
    });
    return new UsageError('E_USAGE', `unknown flag${named.length === 1 ? '' : 's'} ${named.join(', ')}; ${help}`);
  }
  if (/^Missing \d+ required arg/.test(e.message) && Array.isArray(e.args)) {
    const names = e.args.map((a) => (typeof a === 'string' ? a : (a.name ?? 'argument')).toUpperCase());
    return new UsageError('E_USAGE', `missing ${names.join(' and ')}; ${help}`);
  }
  // oclif's messages run over several lines ("Parsing --limit \n\tExpected an integer …"): one line here.
  const lines = e.message.split('\n').map((l) => l.replace(/\u001b\[[0-9;]*m/g, '').trim()).filter((l) => l && !/^See more help/.test(l));
  // A flag parser's own message already names the flag: drop oclif's "Parsing --x" before it.
  const flag = /^Parsing (--\S+)/.exec(lines[0] ?? '')?.[1];
  const named = flag !== undefined && lines.length > 1 && lines[1]!.includes(flag);
  const text = (named ? lines.slice(1) : lines).join(': ').replace(/:\s*:/g, ':');
  return new UsageError('E_USAGE', `${text.charAt(0).toLowerCase()}${text.slice(1)}; ${help}`);
}
