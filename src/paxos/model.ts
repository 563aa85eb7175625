/**
 * Single-decree Paxos as a {@link Model} for the checker: its transitions
 * (src/paxos/transitions.ts), invariants, codec, symmetry and TLA+
 * conversions.
 *
 * @module
 */
import { transitionsOf } from "../action-table.js";
import type { Model, TlaActionLabel } from "../protocol.js";
import { modelValueSetsOf, namesOf } from "../protocol.js";
import { tlaInt } from "../tla/value.js";
import { type PaxosAction, type PaxosRules, paxosContext, referenceRules } from "./actions.js";
import { paxosCodec } from "./codec.js";
import { type PaxosConfig, checkConfig, configLabel } from "./config.js";
import { paxosInvariants } from "./invariants.js";
import { paxosRefinement } from "./refinement.js";
import { paxosWitnesses } from "./witnesses.js";
import { type PaxosState, acceptorName, initialState, valueName } from "./state.js";
import { paxosSymmetry } from "./symmetry.js";
import { paxosTransitions } from "./transitions.js";
import {
  acceptorSetToTla,
  acceptorToTla,
  ballotToTla,
  messageToTla,
  paxosFromTla,
  paxosToTla,
  paxosVariables,
  valueToTla,
} from "./tla.js";

/** The action as TLC labels it, with the witnesses of its existentials. */
export function paxosActionLabel(action: PaxosAction): TlaActionLabel {
  switch (action.type) {
    case "Phase1a":
      return { name: "Phase1a", params: [["b", tlaInt(action.b)]], witnesses: [] };
    case "Phase1b":
      return { name: "Phase1b", params: [["a", acceptorToTla(action.a)]], witnesses: [["m", messageToTla(action.m)]] };
    case "Phase2a":
      return {
        name: "Phase2a",
        params: [
          ["b", ballotToTla(action.b)],
          ["v", valueToTla(action.v)],
        ],
        witnesses: [["Q", acceptorSetToTla(action.q)], ...(action.m === null ? [] : [["m", messageToTla(action.m)] as const])],
      };
    case "Phase2b":
      return { name: "Phase2b", params: [["a", acceptorToTla(action.a)]], witnesses: [["m", messageToTla(action.m)]] };
  }
}

/**
 * The model of the spec with `config`, under the given rules (the spec's
 * unless a bug-zoo variant replaces one).
 */
export function paxosModel(config: PaxosConfig, rules: PaxosRules = referenceRules): Model<PaxosState, PaxosAction> {
  checkConfig(config);
  const ctx = paxosContext(config, rules);
  const invariants = paxosInvariants(ctx);
  return {
    protocol: "paxos",
    configLabel: configLabel(config),
    tlaModule: "Paxos",
    tlaVariables: paxosVariables,
    initialStates: () => [initialState(config.acceptorCount)],
    ...transitionsOf(paxosTransitions(ctx)),
    invariants,
    actionProperties: [],
    constraint: undefined,
    witnesses: paxosWitnesses(ctx),
    refinement: paxosRefinement(ctx),
    codec: paxosCodec(config),
    symmetry: paxosSymmetry(config),
    toTla: paxosToTla,
    fromTla: (v) => paxosFromTla(config, v),
    actionLabel: paxosActionLabel,
    // Bug-zoo variants change the twin only; TLC gets the reference spec.
    modelValues: modelValueSetsOf({ Acceptor: namesOf(config.acceptorCount, acceptorName), Value: namesOf(config.valueCount, valueName), None: ["None"] }),
    tlcModel: () => ({ module: "MCPaxos", cfg: paxosTlcConfig(config, invariants.map((i) => i.name)), goalsModule: "MCPaxosGoals" }),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * The TLC config for `config` that checks the named invariants; the shipped
 * `spec/MCPaxos_<preset>.cfg` files are exactly this text.
 */
export function paxosTlcConfig(config: PaxosConfig, invariants: readonly string[]): string {
  const names = (count: number, name: (i: number) => string) => namesOf(count, name).join(", ");
  return [
    `\\* Single-decree Paxos: ${plural(config.acceptorCount, "acceptor")} with majority quorums, ` +
      `${plural(config.valueCount, "value")}, ballots 0..${config.maxBallot}.`,
    "CONSTANTS",
    `  Acceptor = {${names(config.acceptorCount, acceptorName)}}`,
    `  Value = {${names(config.valueCount, valueName)}}`,
    "  None = None",
    `  MaxBallot = ${config.maxBallot}`,
    "  Ballot <- MCBallot",
    "  Quorum <- Majorities",
    "SPECIFICATION Spec",
    ...invariants.map((name) => `INVARIANT ${name}`),
    "",
  ].join("\n");
}
