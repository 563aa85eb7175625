/**
 * Enumeration is complete: on every reachable state, the successors that
 * forEachSuccessor yields are exactly, with multiplicity, the actions that
 * `step` accepts among all candidates a brute-force search tries, and so
 * the binding of each existential that TLC enumerates (one successor per
 * satisfying binding). The model contract checks the converse (every
 * enumerated action is accepted by `step` with the same result).
 *
 * The candidates: every ballot (and one outside the bounds), value and
 * acceptor; every set of acceptors as Q; every message of msgs (and none)
 * as the witness m, since each `\E m` of the spec ranges over msgs.
 */
import { describe, expect, it } from "vitest";
import type { Model } from "../../src/protocol.js";
import { type PaxosAction, type PaxosConfig, type PaxosState, paxosModel, paxosVariants } from "../../src/paxos/index.js";
import { actionKey, reachableStates, stateKey } from "./support.js";

function candidates(config: PaxosConfig, s: PaxosState): PaxosAction[] {
  const actions: PaxosAction[] = [];
  const ballots = Array.from({ length: config.maxBallot + 3 }, (_, i) => i - 1);
  for (const b of ballots) {
    actions.push({ type: "Phase1a", b });
    for (let v = 0; v < config.valueCount; v++) {
      for (let q = 0; q < 1 << config.acceptorCount; q++) {
        actions.push({ type: "Phase2a", b, v, q, m: null });
        for (const m of s.msgs) if (m.type === "1b") actions.push({ type: "Phase2a", b, v, q, m });
      }
    }
  }
  for (let a = 0; a < config.acceptorCount; a++) {
    for (const m of s.msgs) {
      if (m.type === "1a") actions.push({ type: "Phase1b", a, m });
      if (m.type === "2a") actions.push({ type: "Phase2b", a, m });
    }
  }
  return actions;
}

function expectCompleteEnumeration(model: Model<PaxosState, PaxosAction>, config: PaxosConfig): void {
  const key = (a: PaxosAction, t: PaxosState) => `${actionKey(a)} -> ${stateKey(t)}`;
  for (const s of reachableStates(model)) {
    const enumerated: string[] = [];
    model.forEachSuccessor(s, (a, t) => enumerated.push(key(a, t)));
    const accepted: string[] = [];
    for (const a of candidates(config, s)) {
      const t = model.step(s, a);
      if (t !== undefined) accepted.push(key(a, t));
    }
    expect(enumerated.sort()).toEqual(accepted.sort());
  }
}

describe("forEachSuccessor yields every enabled action once per witness", () => {
  const small: PaxosConfig = { acceptorCount: 2, valueCount: 2, maxBallot: 1 };
  const standard: PaxosConfig = { acceptorCount: 3, valueCount: 2, maxBallot: 1 };

  it.each([small, standard])("for the spec, config %o", (config) => {
    expectCompleteEnumeration(paxosModel(config), config);
  });

  it.each(paxosVariants.map((v) => [v.name, v] as const))("for the variant %s (2 acceptors, 2 values, MaxBallot 1)", (_name, variant) => {
    expectCompleteEnumeration(paxosModel(small, variant.rules), small);
  });
});
