/**
 * Raft as a {@link Model} for the checker: its transitions
 * (src/raft/transitions.ts), invariants, bounds, codec, symmetry and TLA+
 * conversions, and the TLC config that describes the same model.
 *
 * @module
 */
import { transitionsOf } from "../action-table.js";
import type { Model, TlaActionLabel } from "../protocol.js";
import { modelValueSetsOf, namesOf } from "../protocol.js";
import type { TlaValue } from "../tla/value.js";
import { type RaftAction, type RaftRules, raftContext, referenceRules } from "./actions.js";
import { raftCodec } from "./codec.js";
import { type RaftBounds, raftActionProperties, raftConstraint, raftInvariants } from "./invariants.js";
import { raftWitnesses } from "./witnesses.js";
import { type RaftState, initialState, serverName, valueName } from "./state.js";
import { raftSymmetry } from "./symmetry.js";
import { figure37States } from "./figure-3-7.js";
import { type RaftFaults, raftTransitions } from "./transitions.js";
import { messageToTla, raftFromTla, raftToTla, raftVariables, serverValue, valueValue } from "./tla.js";

/**
 * A validated Raft config: the sizes of the constants, and the bounds and
 * fault switches of MCRaft.tla.
 */
export interface RaftConfig extends RaftBounds, RaftFaults {
  /** How many servers, `Server = {s1, ..., sN}`. */
  readonly servers: number;
  /** How many client values, `Value = {v1, ..., vN}`. */
  readonly values: number;
  /**
   * Where behaviours start: the spec's `Init` (the default), or Figure 3.7
   * (c) of Ongaro's dissertation (MCRaftFigure37.tla's `Figure37Init`,
   * three servers only; see src/raft/figure-3-7.ts).
   */
  readonly start?: RaftStart;
}

/** The initial states a Raft config searches from. */
export type RaftStart = "init" | "figure37";

/** The step as TLC labels it: the operator's parameters, and the message as a witness. */
export function raftActionLabel(a: RaftAction): TlaActionLabel {
  const params: (readonly [string, TlaValue])[] = [];
  const witnesses: (readonly [string, TlaValue])[] = [];
  switch (a.type) {
    case "Restart":
    case "Timeout":
    case "BecomeLeader":
    case "AdvanceCommitIndex":
      params.push(["i", serverValue(a.i)]);
      break;
    case "RequestVote":
    case "AppendEntries":
      params.push(["i", serverValue(a.i)], ["j", serverValue(a.j)]);
      break;
    case "ClientRequest":
      params.push(["i", serverValue(a.i)], ["v", valueValue(a.v)]);
      break;
    case "Receive":
    case "DuplicateMessage":
    case "DropMessage":
      witnesses.push(["m", messageToTla(a.m)]);
      break;
  }
  return { name: a.type, params, witnesses };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** The faults switched on, in words: `restarts, duplication and loss`, or `none`. */
function faultsInWords(faults: RaftFaults): string {
  const on = [faults.restarts && "restarts", faults.duplication && "duplication", faults.loss && "loss"].filter(
    (f): f is string => f !== false,
  );
  if (on.length === 0) return "none";
  return on.length === 1 ? on[0]! : `${on.slice(0, -1).join(", ")} and ${on[on.length - 1]!}`;
}

/** How a TLC config may differ beyond the model's constants. */
export interface RaftTlcOptions {
  /** Add `SYMMETRY Symmetry` (MCRaft's servers-and-values group), as presets with `symmetry` do. */
  readonly symmetry?: boolean;
}

/**
 * The TLC config for `config` (with `SYMMETRY Symmetry` when asked); each
 * shipped `spec/MCRaft_<preset>.cfg` is exactly this text for its preset's
 * options and symmetry.
 */
export function raftTlcConfig(config: RaftConfig, options: RaftTlcOptions = {}): string {
  const names = (count: number, name: (k: number) => string) => namesOf(count, name).join(", ");
  const bool = (b: boolean) => (b ? "TRUE" : "FALSE");
  return [
    `\\* Raft with ${plural(config.servers, "server")} and ${plural(config.values, "client value")}, within the bounds of MCRaft.tla.`,
    `\\* Faults: ${faultsInWords(config)}.${options.symmetry === true ? " Symmetry over servers and values." : ""}`,
    ...(config.start === "figure37" ? ["\\* Starts from Figure 3.7 (c) of Ongaro's dissertation (MCRaftFigure37.tla), not from Init."] : []),
    "CONSTANTS",
    `  Server = {${names(config.servers, serverName)}}`,
    `  Value = {${names(config.values, valueName)}}`,
    "  Nil = Nil",
    `  MaxTerm = ${config.maxTerm}`,
    `  MaxLogLength = ${config.maxLogLength}`,
    `  MaxCopies = ${config.maxCopies}`,
    `  MaxInFlight = ${config.maxInFlight}`,
    `  Restarts = ${bool(config.restarts)}`,
    `  Duplication = ${bool(config.duplication)}`,
    `  Loss = ${bool(config.loss)}`,
    config.start === "figure37" ? "SPECIFICATION Figure37Spec" : "SPECIFICATION MCSpec",
    "CONSTRAINTS",
    "  TermBound",
    "  LogBound",
    "  CopiesBound",
    "  InFlightBound",
    "INVARIANTS",
    "  TypeOK",
    "  ElectionSafety",
    "  LogMatching",
    "  LeaderCompleteness",
    "  CommittedEntriesAgree",
    "  KnownCommittedAreCommitted",
    "  CommitIndexInLog",
    "PROPERTY",
    "  LeaderAppendOnly",
    ...(options.symmetry === true ? ["SYMMETRY Symmetry"] : []),
    "",
  ].join("\n");
}

/** The config in words, as the CLI flags write it. */
export function raftConfigLabel(config: RaftConfig): string {
  return (
    `servers=${config.servers} values=${config.values} max-term=${config.maxTerm} max-log=${config.maxLogLength} ` +
    `max-copies=${config.maxCopies} max-in-flight=${config.maxInFlight} ` +
    `restarts=${Number(config.restarts)} duplication=${Number(config.duplication)} loss=${Number(config.loss)}` +
    (config.start === "figure37" ? " figure-3-7=1" : "")
  );
}

/**
 * The model of the spec with `config`, under the given rules (the spec's
 * unless a bug-zoo variant replaces one).
 */
export function raftModel(config: RaftConfig, rules: RaftRules = referenceRules): Model<RaftState, RaftAction> {
  const ctx = raftContext(config.servers, config.values, rules);
  const figure37 = config.start === "figure37";
  if (figure37 && config.servers !== 3) throw new Error(`--figure-3-7 1 needs --servers 3 (the figure's three roles), not ${config.servers}`);
  const codec = raftCodec({
    servers: config.servers,
    values: config.values,
    maxTerm: config.maxTerm,
    maxLogLength: config.maxLogLength,
    maxInFlight: config.maxInFlight,
  });
  return {
    protocol: "raft",
    configLabel: raftConfigLabel(config),
    tlaModule: "Raft",
    tlaVariables: raftVariables,
    initialStates: () => (figure37 ? figure37States(config.values) : [initialState(config.servers)]),
    ...transitionsOf(raftTransitions(ctx, config)),
    invariants: raftInvariants(config),
    actionProperties: raftActionProperties,
    constraint: raftConstraint(config),
    witnesses: raftWitnesses,
    codec,
    symmetry: raftSymmetry(config.servers, config.values, codec),
    toTla: (s) => raftToTla(config, s),
    fromTla: (v) => raftFromTla(config, v),
    actionLabel: raftActionLabel,
    modelValues: modelValueSetsOf({ Server: namesOf(config.servers, serverName), Value: namesOf(config.values, valueName), Nil: ["Nil"] }),
    tlcModel: () =>
      figure37
        ? { module: "MCRaftFigure37", cfg: raftTlcConfig(config), goalsModule: "MCRaftFigure37Goals", symmetry: "Symmetry" }
        : { module: "MCRaft", cfg: raftTlcConfig(config), goalsModule: "MCRaftGoals", symmetry: "Symmetry" },
  };
}
