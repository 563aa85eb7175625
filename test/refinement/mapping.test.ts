/**
 * The two refinement mappings on every reachable state: each maps to a
 * TypeOK state of the abstract model, the initial state to its initial
 * state, and each mapped step is a step of the abstract model or a stutter
 * (checked here by a naive search, by TLA+ text, independently of
 * model-check/refinement.ts).
 */
import { describe, expect, it } from "vitest";
import { paxosModel } from "../../src/paxos/index.js";
import { paxosToVoting } from "../../src/paxos/refinement.js";
import type { Model, TwinAction } from "../../src/protocol.js";
import { tcTypeOK } from "../../src/tcommit/index.js";
import { formatTla } from "../../src/tla/value.js";
import { twoPhaseModel } from "../../src/twophase/index.js";
import { twoPhaseToTCommit } from "../../src/twophase/refinement.js";
import { majorities, typeOK as votingTypeOK } from "../../src/voting/index.js";
import { exploreReference } from "../support/reference-explorer.js";

/** For each edge of the model's graph: is its mapping a stutter, an abstract step, or neither? */
function classifyEdges<S, A extends TwinAction>(model: Model<S, A>) {
  const refinement = model.refinement!;
  const abstract = refinement.abstract;
  const text = (t: unknown) => formatTla(abstract.toTla(t));
  const graph = exploreReference(model);
  const counts = { stutter: 0, step: 0, neither: 0 };
  for (const edge of graph.edges) {
    const from = refinement.map(graph.states.get(edge.from)!);
    const to = text(refinement.map(graph.states.get(edge.to)!));
    if (text(from) === to) counts.stutter++;
    else {
      let found = false;
      abstract.forEachSuccessor(from, (_a, next) => (found ||= text(next) === to));
      counts[found ? "step" : "neither"]++;
    }
  }
  return { graph, counts };
}

describe("RefinesTCommit's mapping on 2PC with 3 RMs", () => {
  const model = twoPhaseModel({ rmCount: 3 });
  const { graph, counts } = classifyEdges(model);

  it("maps every reachable state to a TCTypeOK state, and the initial state to TCInit", () => {
    expect(graph.states.size).toBe(288); // TLC's count for TwoPhase_rm3.cfg (spec/manifest.json)
    for (const s of graph.states.values()) expect(tcTypeOK(3, twoPhaseToTCommit(s))).toBe(true);
    expect(model.initialStates().map(twoPhaseToTCommit)).toEqual(model.refinement!.abstract.initialStates());
  });

  it("maps every transition to a TCommit step or a stutter, and both occur", () => {
    expect(counts.neither).toBe(0);
    expect(counts.step).toBeGreaterThan(0);
    expect(counts.stutter).toBeGreaterThan(0);
    expect(counts.step + counts.stutter).toBe(graph.edges.length);
  });
});

describe("RefinesVoting's mapping on Paxos with 3 acceptors, 2 values, ballots 0..1", () => {
  const config = { acceptorCount: 3, valueCount: 2, maxBallot: 1 };
  const model = paxosModel(config);
  const { graph, counts } = classifyEdges(model);
  const votingConfig = { ...config, quorums: majorities(3) };

  it("maps every reachable state to a TypeOK state of Voting, and the initial state to Voting's Init", () => {
    expect(graph.states.size).toBe(3921); // TLC's count for MCPaxos_a3v2b1.cfg (spec/manifest.json)
    for (const s of graph.states.values()) expect(votingTypeOK(votingConfig, paxosToVoting(3, s))).toBe(true);
    expect(model.initialStates().map((s) => paxosToVoting(3, s))).toEqual(model.refinement!.abstract.initialStates());
  });

  it("maps every transition to a Voting step or a stutter, and both occur", () => {
    expect(counts.neither).toBe(0);
    expect(counts.step).toBeGreaterThan(0);
    expect(counts.stutter).toBeGreaterThan(0);
  });

  it("maps a 2b message to a vote and keeps maxBal", () => {
    const [init] = model.initialStates();
    const s = { ...init!, maxBal: [1, -1, 0], msgs: [{ type: "2b", acc: 2, bal: 1, val: 0 } as const] };
    const mapped = paxosToVoting(3, s);
    expect(mapped.maxBal).toEqual([1, -1, 0]);
    expect(formatTla(model.refinement!.abstract.toTla(mapped))).toBe(
      "[maxBal |-> (a1 :> 1 @@ a2 :> -1 @@ a3 :> 0), votes |-> (a1 :> {} @@ a2 :> {} @@ a3 :> {<<1, v1>>})]",
    );
  });
});
