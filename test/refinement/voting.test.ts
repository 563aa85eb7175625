/**
 * The Voting twin (src/voting/) against spec/Voting.tla: the model contract,
 * TLC's counts (which pin how the twin enumerates VoteFor's witnesses), the
 * actions one by one, and the spec map both ways.
 */
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import {
  type VotingConfig,
  type VotingState,
  increaseMaxBal,
  majorities,
  showsSafeAt,
  voteBit,
  voteFor,
  votingModel,
} from "../../src/voting/index.js";
import { itConformsToTheModelContract } from "../support/model-conformance.js";

const config = (maxBallot: number): VotingConfig => ({ acceptorCount: 3, valueCount: 2, maxBallot, quorums: majorities(3) });
const b1 = config(1);
const q12 = 0b011;

/** A state from each acceptor's votes as [ballot, value] pairs, and maxBal. */
function state(votes: [number, number][][], maxBal: number[]): VotingState {
  return { votes: votes.map((pairs) => pairs.reduce((set, [b, v]) => set | voteBit(b, v), 0)), maxBal };
}

describe("Voting with 3 acceptors, 2 values, ballots 0..1 conforms to the model contract", () => {
  itConformsToTheModelContract(() => votingModel(b1));
});

describe("Voting's state space", () => {
  it.each([
    // TLC on spec/Voting.tla with votingTlcConfig (-deadlock, -workers 1): 599 / 3622 / 11 for ballots 0..1,
    // 6752 / 47653 / 16 for ballots 0..2. test/refinement/tlc.test.ts reruns the first.
    [1, 599, 3622, 11],
    [2, 6752, 47653, 16],
  ])("ballots 0..%i: TLC's counts, and no invariant broken", (maxBallot, distinct, generated, depth) => {
    const r = bfs(votingModel(config(maxBallot)), { checkDeadlock: false });
    expect([r.distinctStates, r.statesGenerated, r.depth, r.violation]).toEqual([distinct, generated, depth, null]);
  });
});

describe("IncreaseMaxBal(a, b), Voting.tla: b > maxBal[a] becomes maxBal[a]", () => {
  const s = state([[], [], []], [-1, 0, 1]);
  it("raises maxBal[a] and leaves votes alone", () => {
    expect(increaseMaxBal(b1, s, 0, 1)).toEqual(state([[], [], []], [1, 0, 1]));
  });
  it("is disabled for a ballot not above maxBal[a]", () => {
    expect(increaseMaxBal(b1, s, 1, 0)).toBeUndefined();
    expect(increaseMaxBal(b1, s, 2, 1)).toBeUndefined();
  });
});

describe("VoteFor(a, b, v), Voting.tla: guards, then the vote and maxBal[a] = b", () => {
  it("with no votes anywhere, a quorum that has moved on to b shows any value safe (c = -1)", () => {
    const s = state([[], [], []], [0, 0, -1]);
    expect(showsSafeAt(s, q12, 0, 1, -1, null)).toBe(true);
    expect(voteFor(b1, s, 2, 0, 1, q12, -1, null)).toEqual(state([[], [], [[0, 1]]], [0, 0, 0]));
  });
  it("is disabled when a quorum member has not moved on to b", () => {
    const s = state([[], [], []], [0, -1, -1]);
    expect(voteFor(b1, s, 0, 0, 0, q12, -1, null)).toBeUndefined();
  });
  it("in ballot 1 after a vote for v in 0, shows only v safe, with the voter as witness", () => {
    const s = state([[[0, 1]], [], []], [1, 1, -1]);
    expect(voteFor(b1, s, 1, 1, 1, q12, 0, 0)).toEqual(state([[[0, 1]], [[1, 1]], []], [1, 1, -1]));
    expect(voteFor(b1, s, 1, 1, 0, q12, 0, 0)).toBeUndefined(); // a1 voted for v2, not v1, in 0
    expect(voteFor(b1, s, 1, 1, 0, q12, -1, null)).toBeUndefined(); // a1 voted in 0, between -1 and 1
  });
  it("is disabled below maxBal[a], in a ballot a voted in, or for a second value of a ballot", () => {
    expect(voteFor(b1, state([[], [], []], [1, 1, 1]), 0, 0, 0, q12, -1, null)).toBeUndefined();
    expect(voteFor(b1, state([[[0, 0]], [], []], [0, 0, 0]), 0, 0, 1, q12, -1, null)).toBeUndefined();
    expect(voteFor(b1, state([[[0, 0]], [], []], [0, 0, 0]), 1, 0, 1, q12, -1, null)).toBeUndefined();
  });
});
