/**
 * The constants of one Paxos model: how many acceptors and values, and the
 * highest ballot (`MCPaxos!MaxBallot`). The CLI's options and the codec's
 * capacity share these limits.
 *
 * @module
 */

/** A validated Paxos config: the sizes of `Acceptor` and `Value`, and `MaxBallot`. */
export interface PaxosConfig {
  /** How many acceptors, a1..aN; 1..{@link maxAcceptors}. */
  readonly acceptorCount: number;
  /** How many values, v1..vN; 1..{@link maxValues}. */
  readonly valueCount: number;
  /** The highest ballot; ballots are `0..maxBallot`, 0..{@link maxMaxBallot}. */
  readonly maxBallot: number;
}

/** The most acceptors a config may have (`--acceptors`). */
export const maxAcceptors = 7;
/** The most values a config may have (`--values`). */
export const maxValues = 3;
/** The highest `MaxBallot` a config may have (`--max-ballot`). */
export const maxMaxBallot = 4;

/** The config in words, e.g. `acceptors=3 values=2 max-ballot=1`. */
export function configLabel(config: PaxosConfig): string {
  return `acceptors=${config.acceptorCount} values=${config.valueCount} max-ballot=${config.maxBallot}`;
}

/** Throws a RangeError for a config outside the limits (the CLI validates earlier, with a usage message). */
export function checkConfig(config: PaxosConfig): void {
  const within = (n: number, lo: number, hi: number) => Number.isInteger(n) && n >= lo && n <= hi;
  if (!within(config.acceptorCount, 1, maxAcceptors)) throw new RangeError(`acceptorCount must be 1..${maxAcceptors}`);
  if (!within(config.valueCount, 1, maxValues)) throw new RangeError(`valueCount must be 1..${maxValues}`);
  if (!within(config.maxBallot, 0, maxMaxBallot)) throw new RangeError(`maxBallot must be 0..${maxMaxBallot}`);
}
