/**
 * Conversions between twin states and the TLA+ values of the spec's
 * variables, as TLC prints them: per-server functions `(s1 :> ... @@ ...)`,
 * logs as sequences of `[term |-> t, value |-> v]`, `Nil` as a model value,
 * the bag of messages as a function from message records to counts, and the
 * history variables as sets of records.
 *
 * @module
 */
import {
  type TlaValue,
  TlaShapeError,
  applyFunction,
  asBool,
  asFunction,
  asInt,
  asModelValue,
  asSeq,
  asSet,
  asString,
  field,
  formatTla,
  tlaBool,
  tlaFunction,
  tlaInt,
  tlaModelValue,
  tlaRecord,
  tlaSeq,
  tlaSet,
  tlaString,
} from "../tla/value.js";
import { type Bag, type InFlight, type Message, messageTypes, toBag } from "./messages.js";
import {
  type CommittedEntry,
  type Election,
  type Entry,
  type Log,
  type RaftState,
  type Server,
  type ServerSet,
  type ServerState,
  type Value,
  compareCommitted,
  compareElections,
  noServers,
  serverName,
  toRecordSet,
  valueName,
  withServer,
} from "./state.js";

/** The spec's variables, in the order it declares them. */
export const raftVariables = [
  "currentTerm",
  "state",
  "votedFor",
  "log",
  "commitIndex",
  "votesResponded",
  "votesGranted",
  "nextIndex",
  "matchIndex",
  "messages",
  "elections",
  "committed",
] as const;

/** The sizes of a config, which fix the servers and values a state may name. */
export interface RaftTlaConfig {
  readonly servers: number;
  readonly values: number;
}

const nil = tlaModelValue("Nil");

/** A server as the model value `s{i+1}`. */
export function serverValue(i: Server): TlaValue {
  return tlaModelValue(serverName(i));
}

/** A client value as the model value `v{k+1}`. */
export function valueValue(v: Value): TlaValue {
  return tlaModelValue(valueName(v));
}

function perServer(servers: number, f: (i: Server) => TlaValue): TlaValue {
  return tlaFunction(Array.from({ length: servers }, (_, i) => [serverValue(i), f(i)] as const));
}

function serverSetValue(servers: number, set: ServerSet): TlaValue {
  const members: TlaValue[] = [];
  for (let i = 0; i < servers; i++) if ((set >> i) & 1) members.push(serverValue(i));
  return tlaSet(members);
}

/** An entry `[term |-> t, value |-> v]`. */
export function entryToTla(e: Entry): TlaValue {
  return tlaRecord({ term: tlaInt(e.term), value: valueValue(e.value) });
}

function logToTla(log: Log): TlaValue {
  return tlaSeq(log.map(entryToTla));
}

/** A message as the record the spec sends. */
export function messageToTla(m: Message): TlaValue {
  const common = {
    mtype: tlaString(m.mtype),
    mterm: tlaInt(m.mterm),
    msource: serverValue(m.msource),
    mdest: serverValue(m.mdest),
  };
  switch (m.mtype) {
    case "RequestVoteRequest":
      return tlaRecord({ ...common, mlastLogTerm: tlaInt(m.mlastLogTerm), mlastLogIndex: tlaInt(m.mlastLogIndex) });
    case "RequestVoteResponse":
      return tlaRecord({ ...common, mvoteGranted: tlaBool(m.mvoteGranted) });
    case "AppendEntriesRequest":
      return tlaRecord({
        ...common,
        mprevLogIndex: tlaInt(m.mprevLogIndex),
        mprevLogTerm: tlaInt(m.mprevLogTerm),
        mentries: logToTla(m.mentries),
        mcommitIndex: tlaInt(m.mcommitIndex),
      });
    case "AppendEntriesResponse":
      return tlaRecord({ ...common, msuccess: tlaBool(m.msuccess), mmatchIndex: tlaInt(m.mmatchIndex) });
  }
}

function bagToTla(bag: Bag): TlaValue {
  return tlaFunction(bag.map((item) => [messageToTla(item.m), tlaInt(item.copies)] as const));
}

/** An election `[term |-> t, leader |-> i]`. */
export function electionToTla(e: Election): TlaValue {
  return tlaRecord({ term: tlaInt(e.term), leader: serverValue(e.leader) });
}

/** A committed record `[index |-> k, term |-> t, value |-> v, by |-> b]`. */
export function committedToTla(c: CommittedEntry): TlaValue {
  return tlaRecord({ index: tlaInt(c.index), term: tlaInt(c.term), value: valueValue(c.value), by: tlaInt(c.by) });
}

/** The state as the record `[currentTerm |-> ..., ..., committed |-> ...]`. */
export function raftToTla(config: RaftTlaConfig, s: RaftState): TlaValue {
  const n = config.servers;
  return tlaRecord({
    currentTerm: perServer(n, (i) => tlaInt(s.currentTerm[i]!)),
    state: perServer(n, (i) => tlaString(s.state[i]!)),
    votedFor: perServer(n, (i) => {
      const vote = s.votedFor[i]!;
      return vote === null ? nil : serverValue(vote);
    }),
    log: perServer(n, (i) => logToTla(s.log[i]!)),
    commitIndex: perServer(n, (i) => tlaInt(s.commitIndex[i]!)),
    votesResponded: perServer(n, (i) => serverSetValue(n, s.votesResponded[i]!)),
    votesGranted: perServer(n, (i) => serverSetValue(n, s.votesGranted[i]!)),
    nextIndex: perServer(n, (i) => perServer(n, (j) => tlaInt(s.nextIndex[i]![j]!))),
    matchIndex: perServer(n, (i) => perServer(n, (j) => tlaInt(s.matchIndex[i]![j]!))),
    messages: bagToTla(s.messages),
    elections: tlaSet(s.elections.map(electionToTla)),
    committed: tlaSet(s.committed.map(committedToTla)),
  });
}

// ---------------------------------------------------------------------------
// From TLA+ values.

function numbered(prefix: string, count: number, v: TlaValue, what: string): number {
  const name = asModelValue(v);
  const match = new RegExp(`^${prefix}([1-9][0-9]*)$`).exec(name);
  const k = match ? Number(match[1]) - 1 : -1;
  if (k < 0 || k >= count) throw new TlaShapeError(`${name} is not one of the ${what} ${prefix}1..${prefix}${count}`);
  return k;
}

/** The server named by a model value `s1`..`sN`. */
export function serverFromTla(config: RaftTlaConfig, v: TlaValue): Server {
  return numbered("s", config.servers, v, "servers");
}

/** The client value named by a model value `v1`..`vN`. */
export function valueFromTla(config: RaftTlaConfig, v: TlaValue): Value {
  return numbered("v", config.values, v, "values");
}

function nat(v: TlaValue): number {
  const n = asInt(v);
  if (n < 0) throw new TlaShapeError(`expected a natural number, got ${n}`);
  return n;
}

/** A member of `Nat \ {0}` (terms, nextIndex, history indexes). */
function positive(v: TlaValue): number {
  const n = asInt(v);
  if (n < 1) throw new TlaShapeError(`expected a positive natural number, got ${n}`);
  return n;
}

/** The record's fields, checked to be exactly `names`. */
function exactRecord(v: TlaValue, names: readonly string[]): void {
  if (v.kind !== "record") throw new TlaShapeError(`expected a record, got ${formatTla(v)}`);
  const have = v.fields.map(([k]) => k).sort();
  const want = [...names].sort();
  if (have.length !== want.length || have.some((k, x) => k !== want[x])) {
    throw new TlaShapeError(`expected a record with fields ${want.join(", ")}, got ${formatTla(v)}`);
  }
}

/** `f[s1], ..., f[sN]`, checking that the domain is exactly the servers. */
function perServerFromTla<T>(config: RaftTlaConfig, f: TlaValue, read: (v: TlaValue) => T): T[] {
  const graph = asFunction(f);
  if (graph.length !== config.servers) {
    throw new TlaShapeError(`expected a function of the ${config.servers} servers, got ${formatTla(f)}`);
  }
  return Array.from({ length: config.servers }, (_, i) => read(applyFunction(f, serverValue(i))));
}

function entryFromTla(config: RaftTlaConfig, v: TlaValue): Entry {
  exactRecord(v, ["term", "value"]);
  return { term: nat(field(v, "term")), value: valueFromTla(config, field(v, "value")) };
}

function logFromTla(config: RaftTlaConfig, v: TlaValue): Log {
  return asSeq(v).map((e) => entryFromTla(config, e));
}

function serverSetFromTla(config: RaftTlaConfig, v: TlaValue): ServerSet {
  return asSet(v).reduce((set: ServerSet, e) => withServer(set, serverFromTla(config, e)), noServers);
}

const messageFields: Readonly<Record<Message["mtype"], readonly string[]>> = {
  RequestVoteRequest: ["mlastLogTerm", "mlastLogIndex"],
  RequestVoteResponse: ["mvoteGranted"],
  AppendEntriesRequest: ["mprevLogIndex", "mprevLogTerm", "mentries", "mcommitIndex"],
  AppendEntriesResponse: ["msuccess", "mmatchIndex"],
};

/** The inverse of {@link messageToTla}. */
export function messageFromTla(config: RaftTlaConfig, v: TlaValue): Message {
  const mtype = asString(field(v, "mtype"));
  if (!(messageTypes as readonly string[]).includes(mtype)) throw new TlaShapeError(`unknown message type "${mtype}"`);
  const type = mtype as Message["mtype"];
  exactRecord(v, ["mtype", "mterm", "msource", "mdest", ...messageFields[type]]);
  const common = {
    mterm: nat(field(v, "mterm")),
    msource: serverFromTla(config, field(v, "msource")),
    mdest: serverFromTla(config, field(v, "mdest")),
  };
  switch (type) {
    case "RequestVoteRequest":
      return {
        mtype: type,
        ...common,
        mlastLogTerm: nat(field(v, "mlastLogTerm")),
        mlastLogIndex: nat(field(v, "mlastLogIndex")),
      };
    case "RequestVoteResponse":
      return { mtype: type, ...common, mvoteGranted: asBool(field(v, "mvoteGranted")) };
    case "AppendEntriesRequest": {
      const mentries = logFromTla(config, field(v, "mentries"));
      if (mentries.length > 1) throw new TlaShapeError(`an AppendEntries request carries at most one entry: ${formatTla(v)}`);
      return {
        mtype: type,
        ...common,
        mprevLogIndex: nat(field(v, "mprevLogIndex")),
        mprevLogTerm: nat(field(v, "mprevLogTerm")),
        mentries,
        mcommitIndex: nat(field(v, "mcommitIndex")),
      };
    }
    case "AppendEntriesResponse":
      return { mtype: type, ...common, msuccess: asBool(field(v, "msuccess")), mmatchIndex: nat(field(v, "mmatchIndex")) };
  }
}

function bagFromTla(config: RaftTlaConfig, v: TlaValue): Bag {
  const items: InFlight[] = asFunction(v).map(([m, count]) => {
    const copies = asInt(count);
    if (copies < 1) throw new TlaShapeError(`a message in flight has ${copies} copies: ${formatTla(m)}`);
    return { m: messageFromTla(config, m), copies };
  });
  return toBag(items);
}

function electionFromTla(config: RaftTlaConfig, v: TlaValue): Election {
  exactRecord(v, ["term", "leader"]);
  return { term: positive(field(v, "term")), leader: serverFromTla(config, field(v, "leader")) };
}

function committedFromTla(config: RaftTlaConfig, v: TlaValue): CommittedEntry {
  exactRecord(v, ["index", "term", "value", "by"]);
  return {
    index: positive(field(v, "index")),
    term: nat(field(v, "term")),
    value: valueFromTla(config, field(v, "value")),
    by: positive(field(v, "by")),
  };
}

const serverStates: readonly string[] = ["Follower", "Candidate", "Leader"];

function serverStateFromTla(v: TlaValue): ServerState {
  const s = asString(v);
  if (!serverStates.includes(s)) throw new TlaShapeError(`"${s}" is not one of ${serverStates.join(", ")}`);
  return s as ServerState;
}

/** The inverse of {@link raftToTla}. */
export function raftFromTla(config: RaftTlaConfig, v: TlaValue): RaftState {
  exactRecord(v, raftVariables);
  const each = <T>(name: string, read: (x: TlaValue) => T) => perServerFromTla(config, field(v, name), read);
  return {
    currentTerm: each("currentTerm", positive),
    state: each("state", serverStateFromTla),
    votedFor: each("votedFor", (x) => (x.kind === "modelValue" && x.name === "Nil" ? null : serverFromTla(config, x))),
    log: each("log", (x) => logFromTla(config, x)),
    commitIndex: each("commitIndex", nat),
    votesResponded: each("votesResponded", (x) => serverSetFromTla(config, x)),
    votesGranted: each("votesGranted", (x) => serverSetFromTla(config, x)),
    nextIndex: each("nextIndex", (row) => perServerFromTla(config, row, positive)),
    matchIndex: each("matchIndex", (row) => perServerFromTla(config, row, nat)),
    messages: bagFromTla(config, field(v, "messages")),
    elections: toRecordSet(
      asSet(field(v, "elections")).map((e) => electionFromTla(config, e)),
      compareElections,
    ),
    committed: toRecordSet(
      asSet(field(v, "committed")).map((c) => committedFromTla(config, c)),
      compareCommitted,
    ),
  };
}
