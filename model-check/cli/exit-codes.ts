/**
 * What `tla-twin`'s exit code means: one thing each, so a CI job can act on
 * it without reading the report.
 *
 * @module
 */
export const ExitCode = {
  /** The search was complete (or bounded as asked) and found no violation; every check passed. */
  ok: 0,
  /** A violation was found, or the twin's figures differ from TLC's. */
  violation: 1,
  /** Bad usage: unknown command, flag or value; a combination that means nothing. */
  usage: 2,
  /** Incomplete: stopped by a bound, a signal, a memory or time limit, unless the user allowed it (`--allow-incomplete`). */
  incomplete: 3,
  /** An internal or environment error: I/O, a broken jar, a crash. */
  internal: 4,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
