/**
 * Single-decree Paxos (Lamport, "Paxos Made Simple"), spec `spec/Paxos.tla`
 * checked through `spec/MCPaxos.tla`.
 *
 * @module
 */
import { type Protocol, findVariant } from "../protocol.js";
import type { PaxosAction } from "./actions.js";
import { type PaxosConfig, maxAcceptors, maxMaxBallot, maxValues } from "./config.js";
import { paxosModel } from "./model.js";
import type { PaxosState } from "./state.js";
import { paxosVariants } from "./variants.js";

/** Every shipped Paxos config must witness all of the protocol's goals (src/paxos/witnesses.ts). */
const paxosGoalNames = ["ValueChosen", "ProposalForced", "VotesInTwoBallots"];

export * from "./actions.js";
export * from "./config.js";
export * from "./state.js";
export * from "./model.js";
export * from "./transitions.js";
export * from "./invariants.js";
export * from "./codec.js";
export * from "./symmetry.js";
export * from "./tla.js";
export * from "./variants.js";
export * from "./witnesses.js";

/** The config that resolved CLI options describe. */
export function paxosConfig(options: Readonly<Record<string, number>>): PaxosConfig {
  return {
    acceptorCount: options["acceptors"] ?? 3,
    valueCount: options["values"] ?? 2,
    maxBallot: options["max-ballot"] ?? 1,
  };
}

/** The protocol entry for the CLI and the registry. */
export const paxos: Protocol<PaxosState, PaxosAction> = {
  name: "paxos",
  title: "Single-decree Paxos",
  tlaModule: "Paxos",
  options: [
    { flag: "acceptors", description: "number of acceptors, with majority quorums", min: 1, max: maxAcceptors, default: 3 },
    { flag: "values", description: "number of values that may be proposed", min: 1, max: maxValues, default: 2 },
    { flag: "max-ballot", description: "highest ballot number (ballots are 0..max-ballot)", min: 0, max: maxMaxBallot, default: 1 },
  ],
  presets: [
    { name: "a3v2b1", options: { acceptors: 3, values: 2, "max-ballot": 1 }, quick: true, witnesses: paxosGoalNames },
    { name: "a3v2b2", options: { acceptors: 3, values: 2, "max-ballot": 2 }, quick: true, witnesses: paxosGoalNames },
    { name: "a5v2b1", options: { acceptors: 5, values: 2, "max-ballot": 1 }, quick: false, witnesses: paxosGoalNames },
  ],
  variants: paxosVariants,
  model(options, variant) {
    const config = paxosConfig(options);
    if (variant === undefined) return paxosModel(config);
    return paxosModel(config, findVariant("paxos", paxosVariants, variant).rules);
  },
};
