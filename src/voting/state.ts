/**
 * The state of Voting (`spec/Voting.tla`): its variables `votes` and
 * `maxBal`, as immutable data.
 *
 * @module
 */
import { type Acceptor, type Ballot, type Value, maxValues } from "./config.js";

/**
 * A set of votes `<<b, v>>` as a bitmask: vote `<<b, v>>` is bit
 * `b * maxValues + v` (at most 5 ballots of 3 values, 15 bits). Numbers are
 * immutable, so a set can never change under a state that holds it.
 */
export type VoteSet = number;

/** The bit of vote `<<b, v>>` in a {@link VoteSet}. */
export function voteBit(b: Ballot, v: Value): number {
  return 1 << (b * maxValues + v);
}

/** The bits of every vote in ballot `b`, whatever its value. */
export function ballotBits(b: Ballot): number {
  return ((1 << maxValues) - 1) << (b * maxValues);
}

/** A state of the spec. */
export interface VotingState {
  /** `votes[a]` is at index `a`. */
  readonly votes: readonly VoteSet[];
  /** `maxBal[a]` is at index `a`; `-1` before `a` moved on to any ballot. */
  readonly maxBal: readonly Ballot[];
}

/** The spec's `Init`: nobody has voted or moved on to a ballot. */
export function initialState(acceptorCount: number): VotingState {
  return { votes: Array.from({ length: acceptorCount }, () => 0), maxBal: Array.from({ length: acceptorCount }, () => -1) };
}

/**
 * `VotedFor(a, b, v)`: acceptor `a` voted for `v` in ballot `b`.
 * @tla Voting!VotedFor
 */
export function votedFor(s: VotingState, a: Acceptor, b: Ballot, v: Value): boolean {
  return b >= 0 && (s.votes[a]! & voteBit(b, v)) !== 0;
}

/**
 * `DidNotVoteAt(a, b)`: acceptor `a` cast no vote in ballot `b`.
 * @tla Voting!DidNotVoteAt
 */
export function didNotVoteAt(s: VotingState, a: Acceptor, b: Ballot): boolean {
  return (s.votes[a]! & ballotBits(b)) === 0;
}

/** A copy of a per-acceptor array with acceptor `a`'s entry set to `to` (`[f EXCEPT ![a] = to]`). */
export function except<T>(f: readonly T[], a: Acceptor, to: T): readonly T[] {
  const next = f.slice();
  next[a] = to;
  return next;
}
