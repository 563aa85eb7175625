/**
 * Raft as a {@link Model} for the checker: the enumeration of enabled
 * actions, the single-step function, invariants, bounds, codec, symmetry and
 * TLA+ conversions, and the TLC config that describes the same model.
 *
 * @module
 */
import { match } from "ts-pattern";
import type { Model, TlaActionLabel } from "../protocol.js";
import type { TlaValue } from "../tla/value.js";
import {
  type RaftAction,
  type RaftContext,
  type RaftRules,
  advanceCommitIndex,
  appendEntries,
  becomeLeader,
  clientRequest,
  dropMessage,
  dropStaleResponse,
  duplicateMessage,
  handleAppendEntriesRequest,
  handleAppendEntriesResponse,
  handleRequestVoteRequest,
  handleRequestVoteResponse,
  raftContext,
  receive,
  referenceRules,
  requestVote,
  restart,
  timeout,
  updateTerm,
} from "./actions.js";
import { raftCodec } from "./codec.js";
import { type RaftBounds, raftActionProperties, raftConstraint, raftInvariants } from "./invariants.js";
import { raftWitnesses } from "./witnesses.js";
import { type Message, copiesIn } from "./messages.js";
import { type RaftState, initialState, serverName, valueName } from "./state.js";
import { raftSymmetry } from "./symmetry.js";
import { figure37States } from "./figure-3-7.js";
import { messageToTla, raftFromTla, raftToTla, raftVariables, serverValue, valueValue } from "./tla.js";

/** The actions of Next that take a message in flight as their witness. */
interface MessageActions {
  readonly receive: RaftAction;
  readonly duplicate: RaftAction;
  readonly drop: RaftAction;
}

/** MCRaft.tla's fault switches: which faults `MCNext` allows. */
export interface RaftFaults {
  /** `Restarts`: servers may restart (Restart). */
  readonly restarts: boolean;
  /** `Duplication`: the network may duplicate a message (DuplicateMessage). */
  readonly duplication: boolean;
  /** `Loss`: the network may lose a message (DropMessage). */
  readonly loss: boolean;
}

/** Every fault allowed: `MCNext` is then `Next`. */
export const allFaults: RaftFaults = { restarts: true, duplication: true, loss: true };

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

/**
 * Receive as `step` performs it: the same cases as {@link receive}, with the
 * message types matched exhaustively by ts-pattern.
 */
function receiveStep(ctx: RaftContext, s: RaftState, m: Message): RaftState | undefined {
  if (copiesIn(s.messages, m) === 0) return undefined;
  const i = m.mdest;
  const j = m.msource;
  return (
    updateTerm(ctx, s, i, j, m) ??
    match(m)
      .with({ mtype: "RequestVoteRequest" }, (r) => handleRequestVoteRequest(ctx, s, i, j, r))
      .with({ mtype: "RequestVoteResponse" }, (r) => handleRequestVoteResponse(ctx, s, i, j, r) ?? dropStaleResponse(ctx, s, i, j, r))
      .with({ mtype: "AppendEntriesRequest" }, (r) => handleAppendEntriesRequest(ctx, s, i, j, r))
      .with({ mtype: "AppendEntriesResponse" }, (r) => handleAppendEntriesResponse(ctx, s, i, j, r) ?? dropStaleResponse(ctx, s, i, j, r))
      .exhaustive()
  );
}

/**
 * `step`: performs one given action. Dispatch is exhaustive over the action
 * union (a new action type that is not handled here fails to compile).
 */
export function raftStep(ctx: RaftContext, s: RaftState, a: RaftAction): RaftState | undefined {
  return match(a)
    .with({ type: "Restart" }, ({ i }) => restart(ctx, s, i))
    .with({ type: "Timeout" }, ({ i }) => timeout(ctx, s, i))
    .with({ type: "RequestVote" }, ({ i, j }) => requestVote(ctx, s, i, j))
    .with({ type: "BecomeLeader" }, ({ i }) => becomeLeader(ctx, s, i))
    .with({ type: "ClientRequest" }, ({ i, v }) => clientRequest(ctx, s, i, v))
    .with({ type: "AdvanceCommitIndex" }, ({ i }) => advanceCommitIndex(ctx, s, i))
    .with({ type: "AppendEntries" }, ({ i, j }) => appendEntries(ctx, s, i, j))
    .with({ type: "Receive" }, ({ m }) => receiveStep(ctx, s, m))
    .with({ type: "DuplicateMessage" }, ({ m }) => duplicateMessage(ctx, s, m))
    .with({ type: "DropMessage" }, ({ m }) => dropMessage(ctx, s, m))
    .exhaustive();
}

/**
 * The actions of servers, which depend only on the config: built once, in
 * `MCNext`'s order (Restart only when restarts are switched on).
 */
function serverActions(servers: number, values: number, faults: RaftFaults): readonly RaftAction[] {
  const actions: RaftAction[] = [];
  const each = (f: (i: number) => void) => {
    for (let i = 0; i < servers; i++) f(i);
  };
  if (faults.restarts) each((i) => actions.push({ type: "Restart", i }));
  each((i) => actions.push({ type: "Timeout", i }));
  each((i) => each((j) => actions.push({ type: "RequestVote", i, j })));
  each((i) => actions.push({ type: "BecomeLeader", i }));
  each((i) => {
    for (let v = 0; v < values; v++) actions.push({ type: "ClientRequest", i, v });
  });
  each((i) => actions.push({ type: "AdvanceCommitIndex", i }));
  each((i) => each((j) => actions.push({ type: "AppendEntries", i, j })));
  return actions;
}

/** The same dispatch as {@link raftStep}, by a plain switch for the hot loop. */
function stepDirect(ctx: RaftContext, s: RaftState, a: RaftAction): RaftState | undefined {
  switch (a.type) {
    case "Restart":
      return restart(ctx, s, a.i);
    case "Timeout":
      return timeout(ctx, s, a.i);
    case "RequestVote":
      return requestVote(ctx, s, a.i, a.j);
    case "BecomeLeader":
      return becomeLeader(ctx, s, a.i);
    case "ClientRequest":
      return clientRequest(ctx, s, a.i, a.v);
    case "AdvanceCommitIndex":
      return advanceCommitIndex(ctx, s, a.i);
    case "AppendEntries":
      return appendEntries(ctx, s, a.i, a.j);
    case "Receive":
      return receive(ctx, s, a.m);
    case "DuplicateMessage":
      return duplicateMessage(ctx, s, a.m);
    case "DropMessage":
      return dropMessage(ctx, s, a.m);
  }
}

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

/** Whether MCNext allows the action under the config's fault switches. */
export function faultAllowed(faults: RaftFaults, a: RaftAction): boolean {
  switch (a.type) {
    case "Restart":
      return faults.restarts;
    case "DuplicateMessage":
      return faults.duplication;
    case "DropMessage":
      return faults.loss;
    case "Timeout":
    case "RequestVote":
    case "BecomeLeader":
    case "ClientRequest":
    case "AdvanceCommitIndex":
    case "AppendEntries":
    case "Receive":
      return true;
  }
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
  const names = (count: number, name: (k: number) => string) => Array.from({ length: count }, (_, k) => name(k)).join(", ");
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
  const fixed = serverActions(config.servers, config.values, config);
  const { duplication, loss } = config;
  const figure37 = config.start === "figure37";
  if (figure37 && config.servers !== 3) throw new Error(`--figure-3-7 1 needs --servers 3 (the figure's three roles), not ${config.servers}`);
  const codec = raftCodec({
    servers: config.servers,
    values: config.values,
    maxTerm: config.maxTerm,
    maxLogLength: config.maxLogLength,
    maxInFlight: config.maxInFlight,
  });
  // The three actions on a message, made once per message object: states
  // the checker expands come from the codec, which shares equal messages.
  const actionsOn = new WeakMap<Message, MessageActions>();
  const messageActions = (m: Message): MessageActions => {
    let actions = actionsOn.get(m);
    if (actions === undefined) {
      actions = { receive: { type: "Receive", m }, duplicate: { type: "DuplicateMessage", m }, drop: { type: "DropMessage", m } };
      actionsOn.set(m, actions);
    }
    return actions;
  };
  return {
    protocol: "raft",
    configLabel: raftConfigLabel(config),
    tlaModule: "Raft",
    tlaVariables: raftVariables,
    initialStates: () => (figure37 ? figure37States(config.values) : [initialState(config.servers)]),
    forEachSuccessor(s, visit) {
      // Calls the action functions directly rather than through `step`:
      // ts-pattern's matcher costs about 0.8 µs a call, and this loop runs
      // once per state generated.
      for (const a of fixed) {
        const next = stepDirect(ctx, s, a);
        if (next !== undefined) visit(a, next);
      }
      // Receive, DuplicateMessage, DropMessage: one step per message in
      // flight (the witness m), in the bag's order.
      for (const { m } of s.messages) {
        const next = receive(ctx, s, m);
        if (next !== undefined) visit(messageActions(m).receive, next);
      }
      if (duplication) for (const { m } of s.messages) visit(messageActions(m).duplicate, duplicateMessage(ctx, s, m)!);
      if (loss) for (const { m } of s.messages) visit(messageActions(m).drop, dropMessage(ctx, s, m)!);
    },
    // MCNext: a fault that is switched off is never enabled.
    step: (s, a) => (faultAllowed(config, a) ? raftStep(ctx, s, a) : undefined),
    invariants: raftInvariants(config),
    actionProperties: raftActionProperties,
    constraint: raftConstraint(config),
    witnesses: raftWitnesses,
    codec,
    symmetry: raftSymmetry(config.servers, config.values, codec),
    toTla: (s) => raftToTla(config, s),
    fromTla: (v) => raftFromTla(config, v),
    actionLabel: raftActionLabel,
    tlcModel: () =>
      figure37
        ? { module: "MCRaftFigure37", cfg: raftTlcConfig(config), goalsModule: "MCRaftFigure37Goals", symmetry: "Symmetry" }
        : { module: "MCRaft", cfg: raftTlcConfig(config), goalsModule: "MCRaftGoals", symmetry: "Symmetry" },
  };
}
