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
