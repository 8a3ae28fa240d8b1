/**
 * The error hierarchy. The library throws these and never exits; the CLI edge prints one line
 * (`litkit: <file>: <cause> (E_CODE)`) and exits with the error's exit code.
 */

/** Exit codes shared by every command. */
export const ExitCode = {
  generic: 1,
  usage: 2,
  input: 3,
  project: 4,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class LitkitError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.generic,
    /** The file the problem is about, printed before the cause. */
    readonly file?: string,
  ) {
    super(message);
    this.name = 'LitkitError';
  }

  /** The one line the CLI prints for this error. */
  line(): string {
    return `litkit: ${this.file ? `${this.file}: ` : ''}${this.message} (${this.code})`;
  }
}

/** A file that cannot be read as a document: corrupt, encrypted, empty, unsupported, too large. */
export class InputError extends LitkitError {
  constructor(code: string, message: string, file?: string) {
    super(code, message, ExitCode.input, file);
    this.name = 'InputError';
  }
}

/** The project is missing, unreadable, or from a newer litkit. */
export class ProjectError extends LitkitError {
  constructor(code: string, message: string, file?: string) {
    super(code, message, ExitCode.project, file);
    this.name = 'ProjectError';
  }
}

/** The command line asked for something that cannot be done as written. */
export class UsageError extends LitkitError {
  constructor(code: string, message: string) {
    super(code, message, ExitCode.usage);
    this.name = 'UsageError';
  }
}

/** Serialisable form of an error, for crossing a worker-thread boundary. */
export interface ErrorInfo {
  code: string;
  message: string;
}

/** Reduces any thrown value to a code and a one-line cause. */
export function errorInfo(err: unknown): ErrorInfo {
  if (err instanceof LitkitError) return { code: err.code, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'E_INTERNAL', message: message.split('\n')[0] ?? 'unknown error' };
}
