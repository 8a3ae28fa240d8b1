import type { Hook } from '@oclif/core';
import { stripControls } from '../core/render/escape.js';
import { didYouMean } from './parse-errors.js';

/** An unknown command: one litkit line with the closest command, exit 2 (not oclif's multi-line error). */
const hook: Hook.CommandNotFound = async function (opts) {
  const typed = opts.id.replaceAll(':', ' ');
  const words = typed.split(' ');
  // oclif folds arguments into the id it could not find ("serch x"): compare as many words as each command has.
  const guesses = opts.config.commandIDs.map((id) => id.split(':')).map((k) => ({ typed: words.slice(0, k.length).join(' '), known: k.join(' ') }));
  const guess = guesses
    .map((g) => ({ ...g, match: didYouMean(g.typed, [g.known]) }))
    .filter((g) => g.match)
    .sort((a, b) => b.known.split(' ').length - a.known.split(' ').length)[0]?.known;
  const cause = `unknown command "${typed}"${guess ? ` (did you mean \`litkit ${guess}\`?)` : ''}; see \`litkit --help\``;
  if (opts.argv?.includes('--json')) process.stdout.write(`${JSON.stringify({ error: { code: 'E_USAGE', message: cause, file: null } }, null, 2)}\n`);
  else process.stderr.write(`litkit: ${stripControls(cause)} (E_USAGE)\n`);
  process.exitCode = 2;
  return undefined;
};

export default hook;
