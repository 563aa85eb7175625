/**
 * The constants of one Voting model: the sizes of `Acceptor` and `Value`,
 * the ballots `0..maxBallot` that replace `Ballot` (all of Nat in the
 * spec), and the quorum system `Quorum`. The limits are those of the Paxos
 * twin, whose states this model stands for under `RefinesVoting`.
 *
 * @module
 */

/** An acceptor, numbered from 0; acceptor `i` is the model value `a{i+1}`. */
export type Acceptor = number;

/** A value, numbered from 0; value `i` is the model value `v{i+1}`. */
export type Value = number;

/** A ballot number, `0..maxBallot`; `-1` where the spec has `-1` ("none yet"). */
export type Ballot = number;

/** A set of acceptors (a quorum) as a bitmask: bit `i` set when acceptor `i` is a member. */
export type AcceptorSet = number;

/** The most acceptors a config may have. */
export const maxAcceptors = 7;
/** The most values a config may have. */
export const maxValues = 3;
/** The highest `maxBallot` a config may have. */
export const maxMaxBallot = 4;

/** A validated Voting config. */
export interface VotingConfig {
  readonly acceptorCount: number;
  readonly valueCount: number;
  /** Ballots are `0..maxBallot`. */
  readonly maxBallot: number;
  /** The spec's `Quorum`, in a fixed order. */
  readonly quorums: readonly AcceptorSet[];
}

/** The spec's model value for an acceptor. */
export function acceptorName(a: Acceptor): string {
  return `a${a + 1}`;
}

/** The spec's model value for a value. */
export function valueName(v: Value): string {
  return `v${v + 1}`;
}

/** `a \in set`. */
export function hasAcceptor(set: AcceptorSet, a: Acceptor): boolean {
  return (set & (1 << a)) !== 0;
}

/** Every set of more than half of `acceptorCount` acceptors, ordered by bitmask (MCPaxos's `Majorities`). */
export function majorities(acceptorCount: number): readonly AcceptorSet[] {
  const quorums: AcceptorSet[] = [];
  for (let q = 1; q < 1 << acceptorCount; q++) {
    let size = 0;
    for (let rest = q; rest !== 0; rest &= rest - 1) size++;
    if (2 * size > acceptorCount) quorums.push(q);
  }
  return quorums;
}

/** Throws a RangeError for a config outside the limits. */
export function checkVotingConfig(config: VotingConfig): void {
  const within = (n: number, lo: number, hi: number) => Number.isInteger(n) && n >= lo && n <= hi;
  if (!within(config.acceptorCount, 1, maxAcceptors)) throw new RangeError(`acceptorCount must be 1..${maxAcceptors}`);
  if (!within(config.valueCount, 1, maxValues)) throw new RangeError(`valueCount must be 1..${maxValues}`);
  if (!within(config.maxBallot, 0, maxMaxBallot)) throw new RangeError(`maxBallot must be 0..${maxMaxBallot}`);
  const all = (1 << config.acceptorCount) - 1;
  if (config.quorums.some((q) => !Number.isInteger(q) || q <= 0 || (q & ~all) !== 0)) {
    throw new RangeError("every quorum must be a non-empty set of the config's acceptors");
  }
}
