import { format } from 'node:util';
import { Command, Flags, type Interfaces } from '@oclif/core';
import type { Input, ParserOutput } from '@oclif/core/interfaces';
import { stripControls } from '../core/render/escape.js';
import { readonlyFailure } from '../core/store/index.js';
import { LitkitError } from '../errors.js';
import { auditCommand } from './audited.js';
import { parseFailure } from './parse-errors.js';
import { systemFailure } from './system-errors.js';

// oclif's FlagOutput and ArgOutput, which it does not export.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Output = { [name: string]: any };

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof LitkitCommand)['baseFlags'] & T['flags']>;

/**
 * Every litkit command: `--json` for scripts, `--verbose` for stacks, and one line per error
 * (`litkit: <file>: <cause> (E_CODE)`) with the error's exit code.
 */
export abstract class LitkitCommand extends Command {
  static override enableJsonFlag = true;

  static override baseFlags = {
    verbose: Flags.boolean({ description: 'Print stack traces with errors.', helpGroup: 'GLOBAL' }),
  };

  private parsedInput?: { flags: Record<string, unknown>; args: Record<string, unknown>; argv: unknown[] };

  /** Runs the command; one that changed the project is then recorded in its audit log (src/cli/audited.ts). */
  protected override async _run<T>(): Promise<T> {
    const result = await super._run<T>();
    try {
      if (this.parsedInput) auditCommand(this.id ?? '', this.parsedInput, result);
    } catch (err) {
      // The change is made and committed; say that its record is missing rather than hide it.
      this.logToStderr(`litkit: the change was made but not recorded in the audit log: ${(err as Error).message}`);
      process.exitCode ||= 1;
    }
    return result;
  }

  /** Prints a line; titles, file names and text come from documents, so no control character reaches the terminal. */
  override log(message = '', ...args: unknown[]): void {
    super.log(stripControls(format(message, ...args)));
  }

  override logToStderr(message = '', ...args: unknown[]): void {
    super.logToStderr(stripControls(format(message, ...args)));
  }

  /**
   * oclif fills a missing argument from piped stdin, so `echo x | litkit query` would query "x";
   * litkit reads stdin only where a command says so, with `-` as the file.
   */
  protected override async parse<F extends Output, B extends Output, A extends Output>(options?: Input<F, B, A>, argv?: string[]): Promise<ParserOutput<F, B, A>> {
    // Read by property, not spread: a command class inherits baseFlags and enableJsonFlag.
    const input = (options ?? this.ctor) as Input<F, B, A>;
    const args = Object.fromEntries(Object.entries(input.args ?? {}).map(([name, arg]) => [name, { ...arg, ignoreStdin: true }]));
    const { flags, baseFlags, constraints, enableJsonFlag, strict, context } = input;
    const given = Object.entries({ flags, baseFlags, constraints, enableJsonFlag, strict, context, '--': input['--'] }).filter(([, v]) => v !== undefined);
    const out = await super.parse({ ...Object.fromEntries(given), args } as Input<F, B, A>, argv);
    // Kept for the audit record of a command that writes.
    this.parsedInput = { flags: out.flags, args: out.args, argv: out.argv };
    return out;
  }

  protected override async catch(thrown: Error & { exitCode?: number }): Promise<unknown> {
    const flags = Object.keys({ ...(this.ctor.flags ?? {}), ...(this.ctor.baseFlags ?? {}) }).concat(this.ctor.enableJsonFlag ? ['json'] : []);
    const err = readonlyFailure(thrown) ?? parseFailure(thrown, this.id ?? this.ctor.id ?? '', flags) ?? systemFailure(thrown) ?? thrown;
    if (!(err instanceof LitkitError)) {
      err.message = stripControls(err.message);
      return super.catch(err);
    }
    if (this.jsonEnabled()) {
      this.logJson({ error: { code: err.code, message: err.message, file: err.file ?? null } });
    } else {
      process.stderr.write(`${stripControls(err.line())}\n`);
      if (this.argv.includes('--verbose')) process.stderr.write(`${err.stack}\n`);
    }
    return this.exit(err.exitCode);
  }
}

/** The project flag, shared by every command that opens a project. */
export const projectFlag = Flags.string({
  char: 'p',
  description: 'Project folder or database file (default: LITKIT_PROJECT, else the nearest project at or above the current folder).',
  helpValue: 'PATH',
});
