/**
 * Errors the user causes on the command line. The CLI prints their message
 * as one line and exits with code 2; they never show a stack trace.
 *
 * @module
 */

/** Bad usage: unknown command, flag or value. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * A failure that is not the user's: a bug, or a broken environment (I/O, a
 * crashed thread). The CLI prints its message as one line and exits with
 * code 4; `--debug` adds the stack.
 */
export class InternalError extends Error {
  override readonly name: string = "InternalError";
  constructor(
    message: string,
    /** The stack of the error behind it, when it came from another thread. */
    readonly origin?: string,
  ) {
    super(message);
  }
}

/** A failure of the environment, not of tla-twin: a file that cannot be written or read. Exit code 4, one line. */
export class EnvironmentError extends InternalError {
  override readonly name = "EnvironmentError";
}
