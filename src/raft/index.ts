/**
 * Raft (Ongaro and Ousterhout), spec `spec/Raft.tla` with bounds in
 * `spec/MCRaft.tla`.
 *
 * @module
 */
import { type Protocol, findVariant } from "../protocol.js";
import type { RaftAction } from "./actions.js";
import { maxEncodedServers } from "./codec.js";
import { type RaftConfig, raftModel } from "./model.js";
import type { RaftState } from "./state.js";
import { raftVariants } from "./variants.js";

export * from "./actions.js";
export * from "./messages.js";
export * from "./state.js";
export * from "./model.js";
export * from "./invariants.js";
export * from "./codec.js";
export * from "./tla.js";
export * from "./symmetry.js";
export * from "./variants.js";

/** The config that CLI options describe. */
export function raftConfigFromOptions(options: Readonly<Record<string, number>>): RaftConfig {
  const get = (flag: string) => {
    const value = options[flag];
    if (value === undefined) throw new Error(`option --${flag} was not resolved`);
    return value;
  };
  return {
    servers: get("servers"),
    values: get("values"),
    maxTerm: get("max-term"),
    maxLogLength: get("max-log"),
    maxCopies: get("max-copies"),
    maxInFlight: get("max-in-flight"),
  };
}

/** The protocol entry for the CLI and the registry. */
export const raft: Protocol<RaftState, RaftAction> = {
  name: "raft",
  title: "Raft",
  tlaModule: "Raft",
  // The defaults are the small preset's bounds: a run of about a minute.
  options: [
    { flag: "servers", description: "number of servers", min: 1, max: maxEncodedServers, default: 3 },
    { flag: "values", description: "number of client values", min: 1, max: 3, default: 1 },
    { flag: "max-term", description: "highest term a server may reach (MaxTerm)", min: 1, max: 15, default: 2 },
    { flag: "max-log", description: "longest log a server may hold (MaxLogLength)", min: 0, max: 7, default: 1 },
    { flag: "max-copies", description: "most copies of one message in flight (MaxCopies)", min: 1, max: 15, default: 1 },
    { flag: "max-in-flight", description: "most messages in flight, copies counted (MaxInFlight)", min: 1, max: 8, default: 1 },
  ],
  presets: [
    // Seconds: part of npm run check and the tests. Two leader terms.
    { name: "tiny", options: { servers: 2, values: 1, "max-term": 3, "max-log": 1, "max-copies": 1, "max-in-flight": 1 }, quick: true },
    // Three servers, one election round, one entry, one message at a time: about a minute.
    {
      name: "small",
      options: { servers: 3, values: 1, "max-term": 2, "max-log": 1, "max-copies": 1, "max-in-flight": 1 },
      quick: false,
    },
    // Two election rounds: tens of millions of states, for benchmarks and nightly runs.
    {
      name: "large",
      options: { servers: 3, values: 1, "max-term": 3, "max-log": 1, "max-copies": 1, "max-in-flight": 1 },
      quick: false,
      notCrossChecked: "about 96 million states: some 4.5 hours in TLC at its rate on small, and beyond the bridge's memory",
    },
  ],
  variants: raftVariants,
  model(options, variant) {
    const config = raftConfigFromOptions(options);
    if (variant === undefined) return raftModel(config);
    return raftModel(config, findVariant("raft", raftVariants, variant).rules);
  },
};
