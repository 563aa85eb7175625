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
export * from "./transitions.js";
export * from "./invariants.js";
export * from "./codec.js";
export * from "./tla.js";
export * from "./symmetry.js";
export * from "./variants.js";
export * from "./witnesses.js";
export * from "./figure-3-7.js";

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
    restarts: get("restarts") === 1,
    duplication: get("duplication") === 1,
    loss: get("loss") === 1,
    start: get("figure-3-7") === 1 ? "figure37" : "init",
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
    { flag: "restarts", description: "1: servers may restart, 0: they never do (Restarts)", min: 0, max: 1, default: 1 },
    { flag: "duplication", description: "1: the network may duplicate messages, 0: it never does (Duplication)", min: 0, max: 1, default: 1 },
    { flag: "loss", description: "1: the network may lose messages, 0: it never does (Loss)", min: 0, max: 1, default: 1 },
    {
      flag: "figure-3-7",
      description: "1: start from Figure 3.7 (c) of Ongaro's dissertation instead of Init (3 servers; MCRaftFigure37.tla), 0: from Init",
      min: 0,
      max: 1,
      default: 0,
    },
  ],
  presets: [
    // Seconds: part of npm run check and the tests. Two leader terms, every fault.
    {
      name: "tiny",
      options: { servers: 2, values: 1, "max-term": 3, "max-log": 1, "max-copies": 1, "max-in-flight": 1 },
      quick: true,
      witnesses: ["TwoElectionsWon", "RestartAfterVote", "EntryCommitted", "LeaderAfterCommit", "StaleResponseDropped", "RestartAfterCommit"],
    },
    // Quick, targeted configs: each leaves out faults or bounds to reach one kind of behaviour cheaply.
    {
      name: "elect",
      options: {
        servers: 3, values: 1, "max-term": 3, "max-log": 1, "max-copies": 1, "max-in-flight": 1,
        restarts: 0, duplication: 0, loss: 0,
      },
      quick: true,
      symmetry: true,
      excludes: "no restarts, duplicated or lost messages, one message in flight and one entry per log",
      witnesses: ["TwoElectionsWon", "EntryCommitted", "LeaderAfterCommit", "ConflictRemoved", "StaleResponseDropped"],
    },
    {
      name: "faults",
      options: { servers: 2, values: 1, "max-term": 3, "max-log": 1, "max-copies": 2, "max-in-flight": 2 },
      quick: true,
      symmetry: true,
      excludes: "two servers only, so every leader holds the other's vote and no follower ever holds a conflicting entry",
      witnesses: [
        "TwoElectionsWon",
        "RestartAfterVote",
        "EntryCommitted",
        "LeaderAfterCommit",
        "DuplicateDelivered",
        "DeliveredOutOfOrder",
        "StaleResponseDropped",
        "RestartAfterCommit",
      ],
    },
    {
      name: "values",
      options: {
        servers: 2, values: 2, "max-term": 2, "max-log": 2, "max-copies": 1, "max-in-flight": 1,
        restarts: 0, duplication: 0, loss: 0,
      },
      quick: true,
      symmetry: true,
      excludes: "no faults and a single leader term, so no election after a commit",
      witnesses: ["EntryCommitted", "TwoValuesCommitted"],
    },
    {
      name: "restart",
      options: {
        servers: 3, values: 1, "max-term": 2, "max-log": 0, "max-copies": 1, "max-in-flight": 1,
        restarts: 1, duplication: 0, loss: 0,
      },
      quick: true,
      symmetry: true,
      excludes: "empty logs (elections only), one leader term, no duplicated or lost messages",
      witnesses: ["RestartAfterVote"],
    },
    // From the dissertation's Figure 3.7 (c): the one config where the current-term commit guard matters.
    {
      name: "figure37",
      options: {
        servers: 3, values: 1, "max-term": 5, "max-log": 2, "max-copies": 1, "max-in-flight": 1,
        restarts: 0, duplication: 0, loss: 0, "figure-3-7": 1,
      },
      quick: true,
      symmetry: true,
      excludes:
        "starts from Figure 3.7 (c) (a leader of term 4 holding an uncommitted entry of term 2 that a conflicting entry of term 3 could replace), not Init; no faults, one message in flight",
      witnesses: ["TwoElectionsWon", "EntryCommitted", "LeaderAfterCommit", "ConflictRemoved", "StaleResponseDropped"],
    },
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
