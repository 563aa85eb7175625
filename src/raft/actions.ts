/**
 * The actions and message handlers of Raft, one function per TLA+ operator
 * of spec/Raft.tla.
 *
 * Each function returns the next state, or `undefined` when the action is
 * not enabled. Guards come first, in the spec's order; the update follows.
 * No function changes its input: every update builds new values and shares
 * the parts that stay the same.
 *
 * Conventions, as in the spec: `i` is the server that acts (for a handler,
 * the recipient `m.mdest`), `j` its peer (for a handler, the sender
 * `m.msource`), `m` the message.
 *
 * @module
 */
import {
  type AppendEntriesRequest,
  type AppendEntriesResponse,
  type Bag,
  type Message,
  type RequestVoteRequest,
  type RequestVoteResponse,
  copiesIn,
  withMessage,
  withoutMessage,
} from "./messages.js";
import {
  type CommittedEntry,
  type Log,
  type RaftState,
  compareCommitted,
  compareElections,
  numberPerServer,
  type Server,
  type Value,
  except,
  exceptNumber,
  hasServer,
  isQuorum,
  lastTerm,
  noServers,
  termAt,
  withRecord,
  withServer,
} from "./state.js";

/**
 * An action of the twin; `type` is the TLA+ action's name. `Receive`,
 * `DuplicateMessage` and `DropMessage` choose a message in flight with
 * `\E m \in DOMAIN messages` inside the action: `m` is that choice (a
 * witness), so that a step is a function.
 */
export type RaftAction =
  | { readonly type: "Restart"; readonly i: Server }
  | { readonly type: "Timeout"; readonly i: Server }
  | { readonly type: "RequestVote"; readonly i: Server; readonly j: Server }
  | { readonly type: "BecomeLeader"; readonly i: Server }
  | { readonly type: "ClientRequest"; readonly i: Server; readonly v: Value }
  | { readonly type: "AdvanceCommitIndex"; readonly i: Server }
  | { readonly type: "AppendEntries"; readonly i: Server; readonly j: Server }
  | { readonly type: "Receive"; readonly m: Message }
  | { readonly type: "DuplicateMessage"; readonly m: Message }
  | { readonly type: "DropMessage"; readonly m: Message };

/**
 * The checks and updates that bug-zoo variants may replace. The reference
 * rules are the spec's; a variant swaps one of them and inherits the rest.
 */
export interface RaftRules {
  /**
   * AdvanceCommitIndex: whether leader `i` may commit up to `index`, which a
   * quorum stores. The spec's: only if the entry there is of i's current term.
   */
  readonly mayCommit: (s: RaftState, i: Server, index: number) => boolean;
  /**
   * HandleRequestVoteRequest's `logOk`: the candidate's log is at least as
   * up to date as i's (a later last term, or the same one and as long).
   */
  readonly candidateLogOk: (s: RaftState, i: Server, m: RequestVoteRequest) => boolean;
  /**
   * HandleAppendEntriesRequest: follower i's log once it acknowledges `m`,
   * whose entries it already holds. The spec's: unchanged.
   */
  readonly logOnAcknowledge: (log: Log, m: AppendEntriesRequest) => Log;
  /** Restart: the vote server i still has after restarting. The spec's: `votedFor[i]`, kept on stable storage. */
  readonly voteAfterRestart: (s: RaftState, i: Server) => Server | null;
  /** HandleRequestVoteResponse: whether i tallies `m`. The spec's: only a response of its current term. */
  readonly talliesVoteResponse: (s: RaftState, i: Server, m: RequestVoteResponse) => boolean;
  /** Timeout: whether i keeps the votes of its earlier election. The spec's: no, they are reset. */
  readonly keepsVotesOnTimeout: (s: RaftState, i: Server) => boolean;
  /**
   * HandleAppendEntriesRequest: whether i takes `m` (of a term no later than
   * its own) as from the leader of its current term. The spec's: only if
   * m is of i's current term; otherwise i refuses it.
   */
  readonly acceptsAppendRequest: (s: RaftState, i: Server, m: AppendEntriesRequest) => boolean;
  /** Restart: the log server i still has after restarting. The spec's: `log[i]`, kept on stable storage. */
  readonly logAfterRestart: (s: RaftState, i: Server) => Log;
}

/** What every action needs besides the state: the config and the rules in force. */
export interface RaftContext {
  /** How many servers (`Cardinality(Server)`). */
  readonly servers: number;
  /** How many client values (`Cardinality(Value)`). */
  readonly values: number;
  readonly rules: RaftRules;
  /** `[j \in Server |-> 1]`, shared by every state that needs it. */
  readonly allOnes: readonly number[];
  /** `[j \in Server |-> 0]`. */
  readonly allZeros: readonly number[];
}

/** The context for a config and rules. */
export function raftContext(servers: number, values: number, rules: RaftRules): RaftContext {
  return {
    servers,
    values,
    rules,
    allOnes: numberPerServer(servers, 1),
    allZeros: numberPerServer(servers, 0),
  };
}

/** The spec's rules. */
export const referenceRules: RaftRules = {
  mayCommit: (s, i, index) => termAt(s.log[i]!, index) === s.currentTerm[i],
  candidateLogOk: (s, i, m) => {
    const log = s.log[i]!;
    const last = lastTerm(log);
    return m.mlastLogTerm > last || (m.mlastLogTerm === last && m.mlastLogIndex >= log.length);
  },
  logOnAcknowledge: (log) => log,
  voteAfterRestart: (s, i) => s.votedFor[i]!,
  talliesVoteResponse: (s, i, m) => m.mterm === s.currentTerm[i],
  keepsVotesOnTimeout: () => false,
  acceptsAppendRequest: (s, i, m) => m.mterm === s.currentTerm[i],
  logAfterRestart: (s, i) => s.log[i]!,
};

/** `Reply(response, request)`: the request is consumed and the response sent, in one step. */
function reply(bag: Bag, response: Message, request: Message): Bag {
  return withMessage(withoutMessage(bag, request), response);
}

// ---------------------------------------------------------------------------
// Actions of a server on its own.

/**
 * Server i restarts: it keeps currentTerm, votedFor and log, and becomes a
 * follower that has forgotten everything else.
 * @tla Raft!Restart
 */
export function restart(ctx: RaftContext, s: RaftState, i: Server): RaftState | undefined {
  const vote = ctx.rules.voteAfterRestart(s, i);
  const log = ctx.rules.logAfterRestart(s, i);
  return {
    ...s,
    log: log === s.log[i] ? s.log : except(s.log, i, log),
    state: except(s.state, i, "Follower"),
    votedFor: vote === s.votedFor[i] ? s.votedFor : except(s.votedFor, i, vote),
    votesResponded: exceptNumber(s.votesResponded, i, noServers),
    votesGranted: exceptNumber(s.votesGranted, i, noServers),
    nextIndex: except(s.nextIndex, i, ctx.allOnes),
    matchIndex: except(s.matchIndex, i, ctx.allZeros),
    commitIndex: exceptNumber(s.commitIndex, i, 0),
  };
}

/**
 * Follower or candidate i starts an election in the next term.
 * @tla Raft!Timeout
 */
export function timeout(ctx: RaftContext, s: RaftState, i: Server): RaftState | undefined {
  if (s.state[i] === "Leader") return undefined;
  const keep = ctx.rules.keepsVotesOnTimeout(s, i);
  return {
    ...s,
    currentTerm: exceptNumber(s.currentTerm, i, s.currentTerm[i]! + 1),
    state: except(s.state, i, "Candidate"),
    votedFor: except(s.votedFor, i, null),
    votesResponded: keep ? s.votesResponded : exceptNumber(s.votesResponded, i, noServers),
    votesGranted: keep ? s.votesGranted : exceptNumber(s.votesGranted, i, noServers),
  };
}

/**
 * Candidate i asks j (possibly itself) for its vote, until j has answered.
 * @tla Raft!RequestVote
 */
export function requestVote(_ctx: RaftContext, s: RaftState, i: Server, j: Server): RaftState | undefined {
  if (s.state[i] !== "Candidate") return undefined;
  if (hasServer(s.votesResponded[i]!, j)) return undefined;
  const log = s.log[i]!;
  const request: RequestVoteRequest = {
    mtype: "RequestVoteRequest",
    mterm: s.currentTerm[i]!,
    mlastLogTerm: lastTerm(log),
    mlastLogIndex: log.length,
    msource: i,
    mdest: j,
  };
  return { ...s, messages: withMessage(s.messages, request) };
}

/**
 * Candidate i, voted for by a quorum, becomes leader; the history records
 * `[term |-> currentTerm[i], leader |-> i]` in `elections`.
 * @tla Raft!BecomeLeader
 */
export function becomeLeader(ctx: RaftContext, s: RaftState, i: Server): RaftState | undefined {
  if (s.state[i] !== "Candidate") return undefined;
  if (!isQuorum(ctx.servers, s.votesGranted[i]!)) return undefined;
  const next = s.log[i]!.length + 1;
  return {
    ...s,
    state: except(s.state, i, "Leader"),
    nextIndex: except(s.nextIndex, i, numberPerServer(ctx.servers, next)),
    matchIndex: except(s.matchIndex, i, ctx.allZeros),
    elections: withRecord(s.elections, { term: s.currentTerm[i]!, leader: i }, compareElections),
  };
}

/**
 * Leader i appends client value v to its log, in its current term.
 * @tla Raft!ClientRequest
 */
export function clientRequest(_ctx: RaftContext, s: RaftState, i: Server, v: Value): RaftState | undefined {
  if (s.state[i] !== "Leader") return undefined;
  return { ...s, log: except(s.log, i, [...s.log[i]!, { term: s.currentTerm[i]!, value: v }]) };
}

/**
 * Leader i commits up to the highest index a quorum (i included) stores, if
 * {@link RaftRules.mayCommit} allows; otherwise the step changes nothing.
 * The history records, in `committed`, each index from `commitIndex[i] + 1`
 * to the new commitIndex with its entry and `by` = currentTerm[i] (none
 * when the commitIndex does not grow).
 * @tla Raft!AdvanceCommitIndex
 */
export function advanceCommitIndex(ctx: RaftContext, s: RaftState, i: Server): RaftState | undefined {
  if (s.state[i] !== "Leader") return undefined;
  const match = s.matchIndex[i]!;
  // Agree(index) only shrinks as index grows, so the highest index with a
  // quorum is the first one found counting down.
  let highest = 0;
  for (let index = s.log[i]!.length; index >= 1 && highest === 0; index--) {
    let agree = withServer(noServers, i);
    for (let k = 0; k < ctx.servers; k++) if (match[k]! >= index) agree = withServer(agree, k);
    if (isQuorum(ctx.servers, agree)) highest = index;
  }
  if (highest === 0 || !ctx.rules.mayCommit(s, i, highest)) return s;
  return { ...s, commitIndex: exceptNumber(s.commitIndex, i, highest), committed: newlyCommitted(s, i, highest) };
}

/** `committed \cup {[index |-> k, ...] : k \in commitIndex[i] + 1 .. highest}`, with i's entries and term. */
function newlyCommitted(s: RaftState, i: Server, highest: number): readonly CommittedEntry[] {
  const log = s.log[i]!;
  const by = s.currentTerm[i]!;
  let committed = s.committed;
  for (let k = s.commitIndex[i]! + 1; k <= highest; k++) {
    const e = log[k - 1]!;
    committed = withRecord(committed, { index: k, term: e.term, value: e.value, by }, compareCommitted);
  }
  return committed;
}

/**
 * Leader i sends j the entry at nextIndex[i][j] if it has one, with the
 * index and term of the entry before it.
 * @tla Raft!AppendEntries
 */
export function appendEntries(_ctx: RaftContext, s: RaftState, i: Server, j: Server): RaftState | undefined {
  if (i === j) return undefined;
  if (s.state[i] !== "Leader") return undefined;
  const log = s.log[i]!;
  const next = s.nextIndex[i]![j]!;
  const prevLogIndex = next - 1;
  const lastEntry = Math.min(log.length, next);
  const request: AppendEntriesRequest = {
    mtype: "AppendEntriesRequest",
    mterm: s.currentTerm[i]!,
    mprevLogIndex: prevLogIndex,
    mprevLogTerm: prevLogIndex > 0 ? termAt(log, prevLogIndex) : 0,
    // SubSeq(log[i], nextIndex[i][j], lastEntry): one entry or none.
    mentries: log.slice(next - 1, lastEntry),
    mcommitIndex: Math.min(s.commitIndex[i]!, lastEntry),
    msource: i,
    mdest: j,
  };
  return { ...s, messages: withMessage(s.messages, request) };
}

// ---------------------------------------------------------------------------
// Message handlers: i = recipient, j = sender, m = the message.

/**
 * A message from a later term moves i to that term as a follower without a
 * vote; m stays in flight.
 * @tla Raft!UpdateTerm
 */
export function updateTerm(_ctx: RaftContext, s: RaftState, i: Server, _j: Server, m: Message): RaftState | undefined {
  if (m.mterm <= s.currentTerm[i]!) return undefined;
  return {
    ...s,
    currentTerm: exceptNumber(s.currentTerm, i, m.mterm),
    state: except(s.state, i, "Follower"),
    votedFor: except(s.votedFor, i, null),
  };
}

/**
 * i drops a response from an earlier term.
 * @tla Raft!DropStaleResponse
 */
export function dropStaleResponse(
  _ctx: RaftContext,
  s: RaftState,
  i: Server,
  _j: Server,
  m: RequestVoteResponse | AppendEntriesResponse,
): RaftState | undefined {
  if (m.mterm >= s.currentTerm[i]!) return undefined;
  return { ...s, messages: withoutMessage(s.messages, m) };
}

/**
 * i answers candidate j's vote request, granting its vote when the request
 * is of i's term, j's log is up to date ({@link RaftRules.candidateLogOk}),
 * and i has not voted for another server in this term.
 * @tla Raft!HandleRequestVoteRequest
 */
export function handleRequestVoteRequest(
  ctx: RaftContext,
  s: RaftState,
  i: Server,
  j: Server,
  m: RequestVoteRequest,
): RaftState | undefined {
  const term = s.currentTerm[i]!;
  if (m.mterm > term) return undefined;
  const vote = s.votedFor[i];
  const grant = m.mterm === term && ctx.rules.candidateLogOk(s, i, m) && (vote === null || vote === j);
  const response: RequestVoteResponse = {
    mtype: "RequestVoteResponse",
    mterm: term,
    mvoteGranted: grant,
    msource: i,
    mdest: j,
  };
  return {
    ...s,
    votedFor: grant ? except(s.votedFor, i, j) : s.votedFor,
    messages: reply(s.messages, response, m),
  };
}

/**
 * i tallies j's answer to its vote request ({@link RaftRules.talliesVoteResponse}).
 * @tla Raft!HandleRequestVoteResponse
 */
export function handleRequestVoteResponse(
  ctx: RaftContext,
  s: RaftState,
  i: Server,
  j: Server,
  m: RequestVoteResponse,
): RaftState | undefined {
  if (!ctx.rules.talliesVoteResponse(s, i, m)) return undefined;
  return {
    ...s,
    votesResponded: exceptNumber(s.votesResponded, i, withServer(s.votesResponded[i]!, j)),
    votesGranted: m.mvoteGranted ? exceptNumber(s.votesGranted, i, withServer(s.votesGranted[i]!, j)) : s.votesGranted,
    messages: withoutMessage(s.messages, m),
  };
}

/**
 * Whether i's log holds the entry just before m's entries.
 * @tla Raft!AppendEntriesLogOk
 */
export function appendEntriesLogOk(log: Log, m: AppendEntriesRequest): boolean {
  return m.mprevLogIndex === 0 || (m.mprevLogIndex <= log.length && m.mprevLogTerm === termAt(log, m.mprevLogIndex));
}

function appendEntriesResponse(i: Server, j: Server, term: number, success: boolean, matchIndex: number): AppendEntriesResponse {
  return { mtype: "AppendEntriesResponse", mterm: term, msuccess: success, mmatchIndex: matchIndex, msource: i, mdest: j };
}

/**
 * i answers leader j's AppendEntries request: it refuses a request of an
 * earlier term or one that does not fit its log; as a candidate of the same
 * term it steps down first (m stays in flight); as a follower whose log fits
 * it acknowledges m once it holds m's entries (and learns m's commitIndex),
 * else removes its last entry if it conflicts with m's entry, else appends
 * m's entry (m stays in flight in both cases). A leader of the same term has
 * no case that applies.
 * @tla Raft!HandleAppendEntriesRequest
 */
export function handleAppendEntriesRequest(
  ctx: RaftContext,
  s: RaftState,
  i: Server,
  j: Server,
  m: AppendEntriesRequest,
): RaftState | undefined {
  const term = s.currentTerm[i]!;
  if (m.mterm > term) return undefined;
  const log = s.log[i]!;
  const logOk = appendEntriesLogOk(log, m);
  // refuse ({@link RaftRules.acceptsAppendRequest}: the spec's refuses a request of an earlier term)
  if (!ctx.rules.acceptsAppendRequest(s, i, m) || (s.state[i] === "Follower" && !logOk)) {
    return { ...s, messages: reply(s.messages, appendEntriesResponse(i, j, term, false, 0), m) };
  }
  // a candidate of the same term steps down
  if (s.state[i] === "Candidate") return { ...s, state: except(s.state, i, "Follower") };
  if (s.state[i] !== "Follower") return undefined;
  // a follower of the same term accepts, one step at a time
  const index = m.mprevLogIndex + 1;
  const entry = m.mentries[0];
  if (entry === undefined || (log.length >= index && termAt(log, index) === entry.term)) {
    const acknowledged = ctx.rules.logOnAcknowledge(log, m);
    return {
      ...s,
      log: acknowledged === log ? s.log : except(s.log, i, acknowledged),
      commitIndex: exceptNumber(s.commitIndex, i, m.mcommitIndex),
      messages: reply(s.messages, appendEntriesResponse(i, j, term, true, m.mprevLogIndex + m.mentries.length), m),
    };
  }
  if (log.length >= index) {
    // the entry at index conflicts with m's: remove the last entry
    return { ...s, log: except(s.log, i, log.slice(0, log.length - 1)) };
  }
  if (log.length !== m.mprevLogIndex) return undefined;
  return { ...s, log: except(s.log, i, [...log, entry]) };
}

/**
 * Leader i learns j's answer to its AppendEntries request of the current term.
 * @tla Raft!HandleAppendEntriesResponse
 */
export function handleAppendEntriesResponse(
  _ctx: RaftContext,
  s: RaftState,
  i: Server,
  j: Server,
  m: AppendEntriesResponse,
): RaftState | undefined {
  if (m.mterm !== s.currentTerm[i]) return undefined;
  const next = s.nextIndex[i]!;
  const messages = withoutMessage(s.messages, m);
  if (m.msuccess) {
    return {
      ...s,
      nextIndex: except(s.nextIndex, i, exceptNumber(next, j, m.mmatchIndex + 1)),
      matchIndex: except(s.matchIndex, i, exceptNumber(s.matchIndex[i]!, j, m.mmatchIndex)),
      messages,
    };
  }
  return { ...s, nextIndex: except(s.nextIndex, i, exceptNumber(next, j, Math.max(next[j]! - 1, 1))), messages };
}

/**
 * Message m in flight reaches m.mdest, which handles it: `Receive` with
 * its witness m, whose cases are `ReceiveMessage(m)`. The spec's cases
 * exclude one another, so the first one enabled is the step. (A response
 * is offered to its handler before it is dropped as stale; under the
 * spec's rules at most one of the two applies.)
 * @tla Raft!Receive
 * @tla Raft!ReceiveMessage
 */
export function receive(ctx: RaftContext, s: RaftState, m: Message): RaftState | undefined {
  if (copiesIn(s.messages, m) === 0) return undefined;
  const i = m.mdest;
  const j = m.msource;
  const newerTerm = updateTerm(ctx, s, i, j, m);
  if (newerTerm !== undefined) return newerTerm;
  switch (m.mtype) {
    case "RequestVoteRequest":
      return handleRequestVoteRequest(ctx, s, i, j, m);
    case "RequestVoteResponse":
      return handleRequestVoteResponse(ctx, s, i, j, m) ?? dropStaleResponse(ctx, s, i, j, m);
    case "AppendEntriesRequest":
      return handleAppendEntriesRequest(ctx, s, i, j, m);
    case "AppendEntriesResponse":
      return handleAppendEntriesResponse(ctx, s, i, j, m) ?? dropStaleResponse(ctx, s, i, j, m);
  }
  // Every message type returned above: a new type fails to compile here.
  const unhandled: never = m;
  return unhandled;
}

// ---------------------------------------------------------------------------
// Faults of the network.

/**
 * The network delivers one more copy of m.
 * @tla Raft!DuplicateMessage
 */
export function duplicateMessage(_ctx: RaftContext, s: RaftState, m: Message): RaftState | undefined {
  if (copiesIn(s.messages, m) === 0) return undefined;
  return { ...s, messages: withMessage(s.messages, m) };
}

/**
 * The network loses one copy of m.
 * @tla Raft!DropMessage
 */
export function dropMessage(_ctx: RaftContext, s: RaftState, m: Message): RaftState | undefined {
  if (copiesIn(s.messages, m) === 0) return undefined;
  return { ...s, messages: withoutMessage(s.messages, m) };
}
