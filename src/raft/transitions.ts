/**
 * The actions of Raft as the model performs them: one table from action
 * type to function, under MCNext's fault switches, and the candidates tried
 * in each state, from which `step` and the successor enumeration are both
 * built.
 *
 * @module
 */
import { type ActionTable, type Candidates, type Transitions, fixedThen } from "../action-table.js";
import {
  type RaftAction,
  type RaftContext,
  advanceCommitIndex,
  appendEntries,
  becomeLeader,
  clientRequest,
  dropMessage,
  duplicateMessage,
  receive,
  requestVote,
  restart,
  timeout,
} from "./actions.js";
import type { Message } from "./messages.js";
import type { RaftState } from "./state.js";

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

/** Whether MCNext allows actions of this type under the config's fault switches. */
export function faultAllowed(faults: RaftFaults, type: RaftAction["type"]): boolean {
  switch (type) {
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

/** A fault that the config switches off: never enabled. */
const switchedOff = (): undefined => undefined;

/**
 * Each action of `MCNext` under the context's rules: the actions of `Next`,
 * with the faults the config switches off never enabled.
 */
export function raftActionTable(ctx: RaftContext, faults: RaftFaults): ActionTable<RaftState, RaftAction> {
  const allowed = (type: RaftAction["type"]) => faultAllowed(faults, type);
  return {
    Restart: allowed("Restart") ? (s, a) => restart(ctx, s, a.i) : switchedOff,
    Timeout: (s, a) => timeout(ctx, s, a.i),
    RequestVote: (s, a) => requestVote(ctx, s, a.i, a.j),
    BecomeLeader: (s, a) => becomeLeader(ctx, s, a.i),
    ClientRequest: (s, a) => clientRequest(ctx, s, a.i, a.v),
    AdvanceCommitIndex: (s, a) => advanceCommitIndex(ctx, s, a.i),
    AppendEntries: (s, a) => appendEntries(ctx, s, a.i, a.j),
    Receive: (s, a) => receive(ctx, s, a.m),
    DuplicateMessage: allowed("DuplicateMessage") ? (s, a) => duplicateMessage(ctx, s, a.m) : switchedOff,
    DropMessage: allowed("DropMessage") ? (s, a) => dropMessage(ctx, s, a.m) : switchedOff,
  };
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
  if (faultAllowed(faults, "Restart")) each((i) => actions.push({ type: "Restart", i }));
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

/** The actions of Next that take a message in flight as their witness. */
interface MessageActions {
  readonly receive: RaftAction;
  readonly duplicate: RaftAction;
  readonly drop: RaftAction;
}

/**
 * Receive, DuplicateMessage and DropMessage (those the faults allow): one
 * candidate per message in flight (the witness m), in the bag's order.
 */
function messageCandidates(faults: RaftFaults): Candidates<RaftState, RaftAction> {
  const duplication = faultAllowed(faults, "DuplicateMessage");
  const loss = faultAllowed(faults, "DropMessage");
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
  return (s, visit) => {
    for (const { m } of s.messages) visit(messageActions(m).receive);
    if (duplication) for (const { m } of s.messages) visit(messageActions(m).duplicate);
    if (loss) for (const { m } of s.messages) visit(messageActions(m).drop);
  };
}

/** The table, and as candidates the actions of servers, then those on each message in flight. */
export function raftTransitions(
  ctx: RaftContext,
  faults: RaftFaults,
): Transitions<RaftState, RaftAction> {
  return {
    table: raftActionTable(ctx, faults),
    candidates: fixedThen(serverActions(ctx.servers, ctx.values, faults), messageCandidates(faults)),
  };
}
