/**
 * The actions of Voting, one function per TLA+ action of `spec/Voting.tla`.
 *
 * Each returns the next state, or `undefined` when the action is not
 * enabled with the given parameters and witnesses. `VoteFor(a, b, v)` has
 * existentials in its guard, `\E Q \in Quorum : ShowsSafeAt(Q, b, v)`, and
 * within `ShowsSafeAt` a ballot `c` and (when `c # -1`) an acceptor of `Q`
 * that voted for `v` in `c`. They do not change the successor, but TLC
 * computes one successor per satisfying choice of them, so the twin's
 * action carries them as witnesses and enumeration yields one successor
 * per choice, as TLC counts.
 *
 * @module
 */
import { type Acceptor, type AcceptorSet, type Ballot, type Value, type VotingConfig, hasAcceptor } from "./config.js";
import { type VotingState, ballotBits, didNotVoteAt, except, voteBit, votedFor } from "./state.js";

/** An action of the twin: `type` is the TLA+ action's name; `a`, `b`, `v` its parameters; `q`, `c`, `voter` witnesses. */
export type VotingAction =
  | { readonly type: "IncreaseMaxBal"; readonly a: Acceptor; readonly b: Ballot }
  | {
      readonly type: "VoteFor";
      readonly a: Acceptor;
      readonly b: Ballot;
      readonly v: Value;
      /** The quorum `Q` that shows `v` safe at `b`. */
      readonly q: AcceptorSet;
      /** `ShowsSafeAt`'s ballot `c`, in `-1..(b - 1)`. */
      readonly c: Ballot;
      /** The acceptor of `q` that voted for `v` in `c`; `null` exactly when `c = -1`. */
      readonly voter: Acceptor | null;
    };

function isAcceptor(config: VotingConfig, a: Acceptor): boolean {
  return Number.isInteger(a) && a >= 0 && a < config.acceptorCount;
}

function isBallot(config: VotingConfig, b: Ballot): boolean {
  return Number.isInteger(b) && b >= 0 && b <= config.maxBallot;
}

function isValue(config: VotingConfig, v: Value): boolean {
  return Number.isInteger(v) && v >= 0 && v < config.valueCount;
}

/**
 * `ShowsSafeAt(Q, b, v)` with the witnesses `c` and `voter` of its
 * existentials: every acceptor of `q` has moved on to `b` or beyond; `c` is
 * a ballot below `b` (or -1) in which `voter`, an acceptor of `q`, voted
 * for `v` (no voter when `c = -1`); and no acceptor of `q` voted in a ballot
 * strictly between `c` and `b`.
 * @tla Voting!ShowsSafeAt
 */
export function showsSafeAt(
  s: VotingState,
  q: AcceptorSet,
  b: Ballot,
  v: Value,
  c: Ballot,
  voter: Acceptor | null,
): boolean {
  for (let a = 0; a < s.maxBal.length; a++) if (hasAcceptor(q, a) && s.maxBal[a]! < b) return false;
  if (!Number.isInteger(c) || c < -1 || c > b - 1) return false;
  if (c === -1 ? voter !== null : voter === null || !hasAcceptor(q, voter) || !votedFor(s, voter, c, v)) return false;
  for (let d = c + 1; d <= b - 1; d++) {
    for (let a = 0; a < s.votes.length; a++) if (hasAcceptor(q, a) && !didNotVoteAt(s, a, d)) return false;
  }
  return true;
}

/**
 * Acceptor `a` moves on to ballot `b`, higher than its `maxBal`.
 * @tla Voting!IncreaseMaxBal
 */
export function increaseMaxBal(config: VotingConfig, s: VotingState, a: Acceptor, b: Ballot): VotingState | undefined {
  if (!isAcceptor(config, a) || !isBallot(config, b)) return undefined;
  if (!(b > s.maxBal[a]!)) return undefined;
  return { votes: s.votes, maxBal: except(s.maxBal, a, b) };
}

/**
 * Acceptor `a` votes for `v` in ballot `b`: it has not moved past `b` nor
 * voted in `b`, every other acceptor's vote in `b` is for `v`, and quorum
 * `q` shows `v` safe at `b` (with witnesses `c` and `voter`). Voting moves
 * `a` on to `b`.
 * @tla Voting!VoteFor
 */
export function voteFor(
  config: VotingConfig,
  s: VotingState,
  a: Acceptor,
  b: Ballot,
  v: Value,
  q: AcceptorSet,
  c: Ballot,
  voter: Acceptor | null,
): VotingState | undefined {
  if (!isAcceptor(config, a) || !isBallot(config, b) || !isValue(config, v)) return undefined;
  if (!(s.maxBal[a]! <= b)) return undefined;
  if (!didNotVoteAt(s, a, b)) return undefined;
  for (let other = 0; other < config.acceptorCount; other++) {
    if (other !== a && (s.votes[other]! & ballotBits(b) & ~voteBit(b, v)) !== 0) return undefined;
  }
  if (!config.quorums.includes(q)) return undefined;
  if (!showsSafeAt(s, q, b, v, c, voter)) return undefined;
  return { votes: except(s.votes, a, s.votes[a]! | voteBit(b, v)), maxBal: except(s.maxBal, a, b) };
}
