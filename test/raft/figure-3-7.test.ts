/**
 * The figure37 preset's start states (src/raft/figure-3-7.ts) are reachable
 * from Init: the steps below, replayed through the twin's `step`, lead from
 * Init to Figure 3.7 (c) with s1, s2, s3 in the roles a, b, c.
 */
import { describe, expect, it } from "vitest";
import { type RaftAction, type RaftState, figure37State, figure37States, raftModel } from "../../src/raft/index.js";

const model = raftModel({
  servers: 3, values: 1, maxTerm: 5, maxLogLength: 2, maxCopies: 1, maxInFlight: 1,
  restarts: false, duplication: false, loss: false,
});

function run(s: RaftState, a: RaftAction): RaftState {
  const next = model.step(s, a);
  if (next === undefined) throw new Error(`not enabled: ${JSON.stringify(a)}`);
  return next;
}

/** Delivers the one message in flight until none is left (a request, then its reply). */
function deliver(s: RaftState): RaftState {
  let state = s;
  while (state.messages.length > 0) state = run(state, { type: "Receive", m: state.messages[0]!.m });
  return state;
}

/** Candidate i asks `voters` in turn, each request and reply delivered before the next. */
function canvass(s: RaftState, i: number, voters: readonly number[]): RaftState {
  return voters.reduce((state, j) => deliver(run(state, { type: "RequestVote", i, j })), s);
}

describe("Figure 3.7 (c)", () => {
  it("is reached from Init: s1 leads term 2, s2 term 3, s1 term 4", () => {
    let s = model.initialStates()[0]!;
    s = run(s, { type: "Timeout", i: 0 });
    s = canvass(s, 0, [0, 2]);
    s = run(s, { type: "BecomeLeader", i: 0 });
    s = run(s, { type: "ClientRequest", i: 0, v: 0 }); // (2, v1) on s1 only
    s = run(s, { type: "Timeout", i: 1 });
    s = run(s, { type: "Timeout", i: 1 }); // s3 voted in term 2: s2 needs term 3
    s = canvass(s, 1, [1, 2]);
    s = run(s, { type: "BecomeLeader", i: 1 });
    s = run(s, { type: "ClientRequest", i: 1, v: 0 }); // (3, v1) on s2 only
    s = deliver(run(s, { type: "AppendEntries", i: 0, j: 2 })); // s3 refuses; s1 learns term 3 and steps down
    s = run(s, { type: "Timeout", i: 0 });
    s = canvass(s, 0, [0, 2]);
    s = run(s, { type: "BecomeLeader", i: 0 });
    expect(s).toEqual(figure37State(0, 1, 2, 0, 0));
  });

  it("is a symmetric set: every assignment of roles and values, none twice", () => {
    const states = figure37States(2);
    expect(states).toHaveLength(6 * 2 * 2);
    expect(new Set(states.map((s) => JSON.stringify(s))).size).toBe(states.length);
  });

  it("needs three servers", () => {
    expect(() =>
      raftModel({
        servers: 4, values: 1, maxTerm: 5, maxLogLength: 2, maxCopies: 1, maxInFlight: 1,
        restarts: false, duplication: false, loss: false, start: "figure37",
      }),
    ).toThrow("--figure-3-7 1 needs --servers 3");
  });
});
