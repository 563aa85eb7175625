/**
 * Each 2PC action against its definition in spec/TwoPhase.tla: when it is
 * enabled, what it changes, and that everything else stays as it was.
 */
import { describe, expect, it } from "vitest";
import {
  type TwoPhaseContext,
  type TwoPhaseState,
  initialState,
  referenceRules,
  rmChooseToAbort,
  rmPrepare,
  rmRcvAbortMsg,
  rmRcvCommitMsg,
  tmAbort,
  tmCommit,
  tmRcvPrepared,
} from "../../src/twophase/index.js";

const ctx: TwoPhaseContext = { rmCount: 3, rules: referenceRules };
const init = initialState(3);
/** r1 prepared and its Prepared message sent. */
const r1Prepared: TwoPhaseState = rmPrepare(ctx, init, 0)!;

describe("RMPrepare(r): rmState[r] = \"working\" => prepared, Prepared message sent", () => {
  it("is enabled for a working RM and changes only rmState[r] and msgs", () => {
    expect(r1Prepared.rmState).toEqual(["prepared", "working", "working"]);
    expect(r1Prepared.msgs).toEqual({ prepared: 0b001, commit: false, abort: false });
    expect(r1Prepared.tmState).toBe(init.tmState);
    expect(r1Prepared.tmPrepared).toBe(init.tmPrepared);
  });
  it("is disabled once the RM is no longer working", () => {
    expect(rmPrepare(ctx, r1Prepared, 0)).toBeUndefined();
  });
});

describe("RMChooseToAbort(r): a working RM aborts silently", () => {
  it("changes only rmState[r]", () => {
    const next = rmChooseToAbort(ctx, init, 1)!;
    expect(next.rmState).toEqual(["working", "aborted", "working"]);
    expect(next.msgs).toBe(init.msgs);
    expect(next.tmState).toBe(init.tmState);
  });
  it("is disabled for a prepared RM", () => {
    expect(rmChooseToAbort(ctx, r1Prepared, 0)).toBeUndefined();
  });
});

describe("TMRcvPrepared(r): tmState = \"init\" /\\ Prepared(r) \\in msgs", () => {
  it("adds r to tmPrepared and nothing else", () => {
    const next = tmRcvPrepared(ctx, r1Prepared, 0)!;
    expect(next.tmPrepared).toBe(0b001);
    expect({ ...next, tmPrepared: r1Prepared.tmPrepared }).toEqual(r1Prepared);
  });
  it("is disabled without r's Prepared message", () => {
    expect(tmRcvPrepared(ctx, r1Prepared, 1)).toBeUndefined();
  });
  it("is disabled once the TM has decided", () => {
    expect(tmRcvPrepared(ctx, tmAbort(ctx, r1Prepared)!, 0)).toBeUndefined();
  });
});

describe("TMCommit: tmState = \"init\" /\\ tmPrepared = RM", () => {
  const allPrepared = [0, 1, 2].reduce((s, rm) => tmRcvPrepared(ctx, rmPrepare(ctx, s, rm)!, rm)!, init);
  it("commits and sends Commit once every RM is in tmPrepared", () => {
    const next = tmCommit(ctx, allPrepared)!;
    expect(next.tmState).toBe("committed");
    expect(next.msgs.commit).toBe(true);
    expect(next.rmState).toBe(allPrepared.rmState);
    expect(next.tmPrepared).toBe(allPrepared.tmPrepared);
  });
  it("is disabled while some RM has not reported prepared", () => {
    expect(tmCommit(ctx, tmRcvPrepared(ctx, r1Prepared, 0)!)).toBeUndefined();
  });
  it("is disabled after a decision", () => {
    expect(tmCommit(ctx, tmCommit(ctx, allPrepared)!)).toBeUndefined();
  });
});

describe("TMAbort: tmState = \"init\"", () => {
  it("aborts and sends Abort at any time before a decision", () => {
    const next = tmAbort(ctx, init)!;
    expect(next.tmState).toBe("aborted");
    expect(next.msgs).toEqual({ prepared: 0, commit: false, abort: true });
    expect(tmAbort(ctx, next)).toBeUndefined();
  });
});

describe("RMRcvCommitMsg(r) and RMRcvAbortMsg(r): need the decision message", () => {
  it("are disabled before the TM decides", () => {
    expect(rmRcvCommitMsg(ctx, init, 0)).toBeUndefined();
    expect(rmRcvAbortMsg(ctx, init, 0)).toBeUndefined();
  });
  it("RMRcvAbortMsg aborts any RM once Abort was sent, even a prepared one", () => {
    const next = rmRcvAbortMsg(ctx, tmAbort(ctx, r1Prepared)!, 0)!;
    expect(next.rmState).toEqual(["aborted", "working", "working"]);
  });
  it("stay enabled after the RM adopted the decision (the step changes nothing)", () => {
    const aborted = rmRcvAbortMsg(ctx, tmAbort(ctx, init)!, 2)!;
    expect(rmRcvAbortMsg(ctx, aborted, 2)).toEqual(aborted);
  });
});
