/**
 * The action-table contract (src/action-table.ts): a model's enumeration is
 * its candidates filtered through its table, in order; an override names
 * an action the table has; and a variant written by replacing one action
 * is a model the checker searches like any other.
 */
import { describe, expect, it } from "vitest";
import { type ActionTable, overrideActions, withActions } from "../../src/action-table.js";
import type { Model, TwinAction } from "../../src/protocol.js";
import { paxosModel } from "../../src/paxos/index.js";
import {
  type RaftAction,
  type RaftContext,
  type RaftState,
  advanceCommitIndex,
  except,
  raftContext,
  raftModel,
  referenceRules,
} from "../../src/raft/index.js";
import { twoPhaseModel } from "../../src/twophase/index.js";
import { bfs } from "../../model-check/bfs.js";

/** The first `limit` states of a breadth-first search over the model's successors. */
function firstStates<S, A extends TwinAction>(model: Model<S, A>, limit: number): S[] {
  const seen = new Set<string>();
  const states: S[] = [];
  const words = new Int32Array(model.codec.maxWords);
  const queue = [...model.initialStates()];
  for (let k = 0; k < queue.length && states.length < limit; k++) {
    const s = queue[k]!;
    const key = words.subarray(0, model.codec.encode(s, words, 0)).join();
    if (seen.has(key)) continue;
    seen.add(key);
    states.push(s);
    model.forEachSuccessor(s, (_a, next) => queue.push(next));
  }
  return states;
}

const raftTiny = { servers: 2, values: 1, maxTerm: 3, maxLogLength: 1, maxCopies: 1, maxInFlight: 1, restarts: true, duplication: true, loss: true };

describe.each([
  ["2PC rm3", () => twoPhaseModel({ rmCount: 3 })],
  ["Paxos a3v2b1", () => paxosModel({ acceptorCount: 3, valueCount: 2, maxBallot: 1 })],
  ["Raft tiny", () => raftModel(raftTiny)],
] as const)("%s", (_name, build) => {
  it("enumerates exactly its candidates that step enables, in the candidates' order", () => {
    const model: Model<unknown, TwinAction> = build() as unknown as Model<unknown, TwinAction>;
    const { candidates } = model.transitions!;
    for (const s of firstStates(model, 3000)) {
      const enumerated: [TwinAction, unknown][] = [];
      model.forEachSuccessor(s, (a, next) => enumerated.push([a, next]));
      const expected: [TwinAction, unknown][] = [];
      candidates(s, (a) => {
        const next = model.step(s, a);
        if (next !== undefined) expected.push([a, next]);
      });
      expect(enumerated).toEqual(expected);
    }
  });
});

describe("overrideActions", () => {
  it("refuses an action the table does not have", () => {
    const table = twoPhaseModel({ rmCount: 2 }).transitions!.table;
    const unknown = { TMForget: () => undefined } as unknown as Partial<typeof table>;
    expect(() => overrideActions(table, unknown)).toThrow(/no action "TMForget"/);
  });
});

/**
 * AdvanceCommitIndex that takes `followers` followers' acknowledgements for
 * a quorum's: leader i commits what it and its `followers` best-acknowledged
 * followers store, as if every server had acknowledged that much.
 */
function commitOnAcks(ctx: RaftContext, followers: number): ActionTable<RaftState, RaftAction>["AdvanceCommitIndex"] {
  return (s, { i }) => {
    const acks = s.matchIndex[i]!.filter((_, k) => k !== i).sort((x, y) => y - x);
    const acked = followers === 0 ? s.log[i]!.length : (acks[followers - 1] ?? 0);
    const asIfAll = { ...s, matchIndex: except(s.matchIndex, i, s.matchIndex[i]!.map(() => acked)) };
    const next = advanceCommitIndex(ctx, asIfAll, i);
    if (next === undefined) return undefined;
    return next === asIfAll ? s : { ...next, matchIndex: s.matchIndex };
  };
}

describe("withActions", () => {
  // With three servers one follower's acknowledgement and the leader's own copy
  // are a quorum, and with four any three voters include a server that holds the
  // entry: committing on one follower's acknowledgement first breaks
  // LeaderCompleteness with five servers, a search too large for this suite. A
  // leader that commits on its own copy alone breaks it with three, as the
  // zoo's commit bugs do (src/raft/variants.ts), under the elect preset's bounds.
  const elect = { ...raftTiny, servers: 3, restarts: false, duplication: false, loss: false };

  it("builds a Raft variant that commits on the leader's own copy, which the checker finds breaks LeaderCompleteness", () => {
    const model = withActions(raftModel(elect), { AdvanceCommitIndex: commitOnAcks(raftContext(3, 1, referenceRules), 0) });
    const result = bfs(model, { checkDeadlock: false, symmetry: true });
    expect(result.violation).toMatchObject({ kind: "invariant", name: "LeaderCompleteness" });
    // 20 steps: what this search reported when the test was written (56,647 orbits searched, about 2 s).
    expect(result.violation?.trace.steps.length).toBe(20);
  });

  it("keeps the reference's behaviour when the override is the reference's own action", () => {
    const reference = raftModel(raftTiny);
    const same = withActions(reference, { AdvanceCommitIndex: commitOnAcks(raftContext(2, 1, referenceRules), 1) });
    const counts = (m: Model<RaftState, RaftAction>) => {
      const r = bfs(m, { checkDeadlock: false });
      return [r.distinctStates, r.statesGenerated, r.depth];
    };
    expect(counts(same)).toEqual(counts(reference));
  });
});
