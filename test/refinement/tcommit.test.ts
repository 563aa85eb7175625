/**
 * The TCommit twin (src/tcommit/) against spec/TCommit.tla: the model
 * contract, TLC's counts, the actions one by one, and the spec map both ways.
 */
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import {
  type TCommitState,
  decide,
  prepare,
  tcommitModel,
  tcConsistent,
} from "../../src/tcommit/index.js";
import { itConformsToTheModelContract } from "../support/model-conformance.js";

const ctx = { rmCount: 3 };
const state = (...rmState: TCommitState["rmState"]): TCommitState => ({ rmState });

describe("TCommit with 3 RMs conforms to the model contract", () => {
  itConformsToTheModelContract(() => tcommitModel({ rmCount: 3 }));
});

describe("TCommit's state space", () => {
  it("has TLC's counts for 3 RMs", () => {
    // 34 distinct states, 94 generated, depth 7: TLC on spec/TCommit.tla with tcommitTlcConfig(3)
    // (SPECIFICATION TCSpec, -deadlock, -workers 1); test/refinement/tlc.test.ts reruns it.
    const r = bfs(tcommitModel({ rmCount: 3 }), { checkDeadlock: false });
    expect([r.distinctStates, r.statesGenerated, r.depth, r.violation]).toEqual([34, 94, 7, null]);
  });

  it("ends in states where every RM has decided, which TLC reports as deadlocks", () => {
    const r = bfs(tcommitModel({ rmCount: 3 }), { checkDeadlock: true });
    expect(r.violation?.kind).toBe("deadlock");
  });
});

describe("Prepare(r), TCommit.tla: rmState[r] = \"working\" becomes \"prepared\"", () => {
  it("is enabled for a working RM and changes only its state", () => {
    expect(prepare(ctx, state("working", "committed", "aborted"), 0)).toEqual(state("prepared", "committed", "aborted"));
  });
  it("is disabled for an RM that is not working", () => {
    for (const r of ["prepared", "committed", "aborted"] as const) expect(prepare(ctx, state(r, "working", "working"), 0)).toBeUndefined();
  });
});

describe("Decide(r), TCommit.tla: commit when canCommit, abort when notCommitted", () => {
  it("commits a prepared RM once every RM is prepared or committed", () => {
    expect(decide(ctx, state("prepared", "prepared", "committed"), 0, "committed")).toEqual(state("committed", "prepared", "committed"));
  });
  it("does not commit while some RM is working or aborted, nor an RM that is not prepared", () => {
    expect(decide(ctx, state("prepared", "working", "prepared"), 0, "committed")).toBeUndefined();
    expect(decide(ctx, state("prepared", "aborted", "prepared"), 0, "committed")).toBeUndefined();
    expect(decide(ctx, state("working", "prepared", "prepared"), 0, "committed")).toBeUndefined();
  });
  it("aborts a working or prepared RM while no RM has committed", () => {
    expect(decide(ctx, state("working", "prepared", "aborted"), 0, "aborted")).toEqual(state("aborted", "prepared", "aborted"));
    expect(decide(ctx, state("prepared", "prepared", "prepared"), 1, "aborted")).toEqual(state("prepared", "aborted", "prepared"));
  });
  it("does not abort once some RM has committed, nor an RM that has decided", () => {
    expect(decide(ctx, state("prepared", "committed", "prepared"), 0, "aborted")).toBeUndefined();
    expect(decide(ctx, state("aborted", "working", "working"), 0, "aborted")).toBeUndefined();
  });
  it("keeps TCConsistent: the commit and abort guards exclude each other's results", () => {
    const r = bfs(tcommitModel({ rmCount: 4 }), { checkDeadlock: false });
    expect(r.violation).toBeNull();
    expect(tcConsistent(state("committed", "aborted", "working"))).toBe(false);
  });
});
