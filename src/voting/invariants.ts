/**
 * Voting's invariants, as predicates on twin states, named as in
 * `spec/Voting.tla` (which says why each holds).
 *
 * @module
 */
import type { Invariant } from "../protocol.js";
import { type Ballot, type Value, type VotingConfig, hasAcceptor } from "./config.js";
import { type VotingState, ballotBits, didNotVoteAt, voteBit, votedFor } from "./state.js";

/**
 * `votes` maps each acceptor to votes in the config's ballots and values;
 * `maxBal` to a ballot or -1.
 * @tla Voting!TypeOK
 */
export function typeOK(config: VotingConfig, s: VotingState): boolean {
  let allowed = 0;
  for (let b = 0; b <= config.maxBallot; b++) for (let v = 0; v < config.valueCount; v++) allowed |= voteBit(b, v);
  return (
    s.votes.length === config.acceptorCount &&
    s.maxBal.length === config.acceptorCount &&
    s.votes.every((set) => Number.isInteger(set) && (set & ~allowed) === 0) &&
    s.maxBal.every((b) => Number.isInteger(b) && b >= -1 && b <= config.maxBallot)
  );
}

/**
 * `ChosenAt(b, v)`: every acceptor of some quorum voted for `v` in `b`.
 * @tla Voting!ChosenAt
 */
export function chosenAt(config: VotingConfig, s: VotingState, b: Ballot, v: Value): boolean {
  return config.quorums.some((q) => {
    for (let a = 0; a < config.acceptorCount; a++) if (hasAcceptor(q, a) && !votedFor(s, a, b, v)) return false;
    return true;
  });
}

/**
 * `chosen`: the values chosen in some ballot.
 * @tla Voting!chosen
 */
export function chosen(config: VotingConfig, s: VotingState): Value[] {
  const values: Value[] = [];
  for (let v = 0; v < config.valueCount; v++) {
    for (let b = 0; b <= config.maxBallot; b++) {
      if (chosenAt(config, s, b, v)) {
        values.push(v);
        break;
      }
    }
  }
  return values;
}

/**
 * `SafeAt(b, v)`: for every ballot `c` below `b`, some quorum's acceptors
 * each voted for `v` in `c` or cannot vote in `c` (moved past it without
 * voting there).
 * @tla Voting!SafeAt
 */
export function safeAt(config: VotingConfig, s: VotingState, b: Ballot, v: Value): boolean {
  for (let c = 0; c <= b - 1; c++) {
    const noneOther = config.quorums.some((q) => {
      for (let a = 0; a < config.acceptorCount; a++) {
        if (!hasAcceptor(q, a)) continue;
        const cannotVote = s.maxBal[a]! > c && didNotVoteAt(s, a, c);
        if (!votedFor(s, a, c, v) && !cannotVote) return false;
      }
      return true;
    });
    if (!noneOther) return false;
  }
  return true;
}

/**
 * Every vote is for a value safe at its ballot.
 * @tla Voting!VotesSafe
 */
export function votesSafe(config: VotingConfig, s: VotingState): boolean {
  for (let a = 0; a < config.acceptorCount; a++) {
    for (let b = 0; b <= config.maxBallot; b++) {
      for (let v = 0; v < config.valueCount; v++) if (votedFor(s, a, b, v) && !safeAt(config, s, b, v)) return false;
    }
  }
  return true;
}

/** At most one bit of `bits` is set. */
function atMostOne(bits: number): boolean {
  return (bits & (bits - 1)) === 0;
}

/**
 * An acceptor votes for at most one value per ballot.
 * @tla Voting!OneVote
 */
export function oneVote(config: VotingConfig, s: VotingState): boolean {
  return s.votes.every((set) => {
    for (let b = 0; b <= config.maxBallot; b++) if (!atMostOne(set & ballotBits(b))) return false;
    return true;
  });
}

/**
 * All votes of one ballot, whoever cast them, are for one value.
 * @tla Voting!OneValuePerBallot
 */
export function oneValuePerBallot(config: VotingConfig, s: VotingState): boolean {
  const all = s.votes.reduce((x, y) => x | y, 0);
  for (let b = 0; b <= config.maxBallot; b++) if (!atMostOne(all & ballotBits(b))) return false;
  return true;
}

/**
 * At most one value is chosen.
 * @tla Voting!Consistency
 */
export function consistency(config: VotingConfig, s: VotingState): boolean {
  return chosen(config, s).length <= 1;
}

/** The invariants, in the spec's order. */
export function votingInvariants(config: VotingConfig): readonly Invariant<VotingState>[] {
  return [
    { name: "TypeOK", description: "votes and maxBal hold values of their types", holds: (s) => typeOK(config, s) },
    { name: "VotesSafe", description: "every vote is for a value safe at its ballot", holds: (s) => votesSafe(config, s) },
    { name: "OneVote", description: "an acceptor votes for at most one value per ballot", holds: (s) => oneVote(config, s) },
    { name: "OneValuePerBallot", description: "all votes of one ballot are for one value", holds: (s) => oneValuePerBallot(config, s) },
    { name: "Consistency", description: "at most one value is chosen", holds: (s) => consistency(config, s) },
  ];
}
