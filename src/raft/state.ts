/**
 * The state of Raft: the spec's twelve variables (ten of the protocol, two
 * history variables), as immutable data indexed by server number.
 *
 * @module
 */
import type { Bag } from "./messages.js";

/**
 * A server, numbered from 0. Server `i` is the model value `s{i+1}` in the
 * spec's configs, so server 0 prints as `s1`.
 */
export type Server = number;

/** A client value, numbered from 0; value `k` is the model value `v{k+1}`. */
export type Value = number;

/** The spec's model value for a server. */
export function serverName(i: Server): string {
  return `s${i + 1}`;
}

/** The spec's model value for a client value. */
export function valueName(v: Value): string {
  return `v${v + 1}`;
}

/** `state[i]` in the spec. */
export type ServerState = "Follower" | "Candidate" | "Leader";

/** A log entry `[term |-> t, value |-> v]`. */
export interface Entry {
  readonly term: number;
  readonly value: Value;
}

/** A log: entry `k` of the spec (1-based) is at index `k - 1`. */
export type Log = readonly Entry[];

/**
 * A set of servers as a bitmask (bit `i` set when server `i` is a member).
 * Numbers are immutable, so a set can never change under a state holding it.
 */
export type ServerSet = number;

/** The empty set of servers. */
export const noServers: ServerSet = 0;

/** `i \in set`. */
export function hasServer(set: ServerSet, i: Server): boolean {
  return (set & (1 << i)) !== 0;
}

/** `set \cup {i}`. */
export function withServer(set: ServerSet, i: Server): ServerSet {
  return set | (1 << i);
}

/** `Cardinality(set)`. */
export function serverCount(set: ServerSet): number {
  let n = 0;
  for (let rest = set; rest !== 0; rest &= rest - 1) n++;
  return n;
}

/** The spec's `IsQuorum(S)`: a strict majority of the `servers` servers. */
export function isQuorum(servers: number, set: ServerSet): boolean {
  return 2 * serverCount(set) > servers;
}

/**
 * A record of the history variable `elections`, `[term |-> t, leader |-> i]`:
 * server `leader` won the election of `term` (added by BecomeLeader).
 */
export interface Election {
  readonly term: number;
  readonly leader: Server;
}

/**
 * A record of the history variable `committed`,
 * `[index |-> k, term |-> t, value |-> v, by |-> b]`: the leader of term `by`
 * committed the entry `[term |-> t, value |-> v]` at index `k` (added by
 * AdvanceCommitIndex).
 */
export interface CommittedEntry {
  readonly index: number;
  readonly term: number;
  readonly value: Value;
  readonly by: number;
}

/** The order of `elections` arrays: by term, then leader. */
export function compareElections(a: Election, b: Election): number {
  return a.term - b.term || a.leader - b.leader;
}

/** The order of `committed` arrays: by index, then term, value and `by`. */
export function compareCommitted(a: CommittedEntry, b: CommittedEntry): number {
  return a.index - b.index || a.term - b.term || a.value - b.value || a.by - b.by;
}

/**
 * `set \cup {record}` for a set kept as an array sorted by `compare`
 * without duplicates; `set` itself when the record is already in it.
 */
export function withRecord<T>(set: readonly T[], record: T, compare: (a: T, b: T) => number): readonly T[] {
  let at = set.length;
  while (at > 0) {
    const c = compare(set[at - 1]!, record);
    if (c === 0) return set;
    if (c < 0) break;
    at--;
  }
  const next = set.slice();
  next.splice(at, 0, record);
  return next;
}

/** A set of records as a sorted array without duplicates, from records in any order. */
export function toRecordSet<T>(records: Iterable<T>, compare: (a: T, b: T) => number): readonly T[] {
  const sorted = [...records].sort(compare);
  return sorted.filter((r, k) => k === 0 || compare(sorted[k - 1]!, r) !== 0);
}

/**
 * A state of the spec: one field per variable, each of the protocol's
 * indexed by server. The two history variables are sets of records, kept
 * as arrays sorted by {@link compareElections} and {@link compareCommitted}
 * without duplicates, so that equal sets are equal arrays.
 */
export interface RaftState {
  readonly currentTerm: readonly number[];
  readonly state: readonly ServerState[];
  /** `votedFor[i]`; `null` is the spec's `Nil`. */
  readonly votedFor: readonly (Server | null)[];
  readonly log: readonly Log[];
  readonly commitIndex: readonly number[];
  readonly votesResponded: readonly ServerSet[];
  readonly votesGranted: readonly ServerSet[];
  /** `nextIndex[i][j]` is at `nextIndex[i][j]` (both 0-based servers). */
  readonly nextIndex: readonly (readonly number[])[];
  readonly matchIndex: readonly (readonly number[])[];
  readonly messages: Bag;
  /** History: every election won, sorted by {@link compareElections}. */
  readonly elections: readonly Election[];
  /** History: every entry committed, sorted by {@link compareCommitted}. */
  readonly committed: readonly CommittedEntry[];
}

/** `[j \in Server |-> value]` for `servers` servers. */
export function constantPerServer<T>(servers: number, value: T): readonly T[] {
  // Built by push, as the codec decodes arrays, so that states share array
  // layouts and the checker's hot code stays monomorphic.
  const values: T[] = [];
  for (let i = 0; i < servers; i++) values.push(value);
  return values;
}

/**
 * {@link constantPerServer} for numbers, from an array literal of its own:
 * V8 gives arrays the element layout their creation site has seen, and this
 * one only ever sees small integers.
 */
export function numberPerServer(servers: number, value: number): readonly number[] {
  const values: number[] = [];
  for (let i = 0; i < servers; i++) values.push(value);
  return values;
}

/** The spec's `Init`: followers in term 1 with empty logs, no votes, nothing in flight, no history. */
export function initialState(servers: number): RaftState {
  const ones = numberPerServer(servers, 1);
  const zeros = numberPerServer(servers, 0);
  return {
    currentTerm: ones,
    state: constantPerServer<ServerState>(servers, "Follower"),
    votedFor: constantPerServer<Server | null>(servers, null),
    log: constantPerServer<Log>(servers, []),
    commitIndex: zeros,
    votesResponded: numberPerServer(servers, noServers),
    votesGranted: numberPerServer(servers, noServers),
    nextIndex: constantPerServer(servers, ones),
    matchIndex: constantPerServer(servers, zeros),
    messages: [],
    elections: [],
    committed: [],
  };
}

/** A copy of `values` with index `i` set to `value` (`[f EXCEPT ![i] = value]`). */
export function except<T>(values: readonly T[], i: number, value: T): readonly T[] {
  const next = values.slice();
  next[i] = value;
  return next;
}

/**
 * {@link except} for arrays of numbers. A separate function so that V8's
 * optimised code for it only sees arrays of small integers and keeps them
 * in that compact layout (a shared one generalises every array it copies).
 */
export function exceptNumber(values: readonly number[], i: number, value: number): readonly number[] {
  const next = values.slice();
  next[i] = value;
  return next;
}

/** The term of the log's last entry, 0 for the empty log (`LastTerm`). */
export function lastTerm(log: Log): number {
  return log.length === 0 ? 0 : log[log.length - 1]!.term;
}

/** The term of the entry at 1-based `index`, which must exist. */
export function termAt(log: Log, index: number): number {
  return log[index - 1]!.term;
}
