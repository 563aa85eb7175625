/**
 * The spec's invariants and its action property, as predicates on twin
 * states, and the bounds of MCRaft.tla as a state constraint.
 *
 * @module
 */
import type { ActionProperty, Invariant, StateConstraint } from "../protocol.js";
import type { RaftAction } from "./actions.js";
import { type Message, bagCardinality } from "./messages.js";
import { type CommittedEntry, type Election, type Entry, type Log, type RaftState, compareCommitted, compareElections } from "./state.js";

function isServerState(v: string): boolean {
  return v === "Follower" || v === "Candidate" || v === "Leader";
}

/** A natural number (TLC's integers are 32-bit, and so are the twin's). */
function isNat(n: number): boolean {
  return n >= 0 && (n | 0) === n;
}

function sameEntry(a: Entry, b: Entry): boolean {
  return a.term === b.term && a.value === b.value;
}

/** How many entries of `log` its server knows to be committed: `Min(commitIndex[i], Len(log[i]))`. */
function knownCommitted(s: RaftState, i: number): number {
  return Math.min(s.commitIndex[i]!, s.log[i]!.length);
}

/** The sizes of a config that TypeOK checks values against. */
export interface RaftTypeBounds {
  readonly servers: number;
  readonly values: number;
}

function isEntry(b: RaftTypeBounds, e: Entry): boolean {
  return isNat(e.term) && isNat(e.value) && e.value < b.values;
}

function isServer(b: RaftTypeBounds, i: number): boolean {
  return isNat(i) && i < b.servers;
}

function isMessage(b: RaftTypeBounds, m: Message): boolean {
  if (!isNat(m.mterm) || !isServer(b, m.msource) || !isServer(b, m.mdest)) return false;
  switch (m.mtype) {
    case "RequestVoteRequest":
      return isNat(m.mlastLogTerm) && isNat(m.mlastLogIndex);
    case "RequestVoteResponse":
      return typeof m.mvoteGranted === "boolean";
    case "AppendEntriesRequest":
      return (
        isNat(m.mprevLogIndex) &&
        isNat(m.mprevLogTerm) &&
        isNat(m.mcommitIndex) &&
        m.mentries.length <= 1 &&
        m.mentries.every((e) => isEntry(b, e))
      );
    case "AppendEntriesResponse":
      return typeof m.msuccess === "boolean" && isNat(m.mmatchIndex);
  }
}

/** Whether `records` is sorted strictly by `compare`: the twin's form of a set. */
function isRecordSet<T>(records: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let k = 1; k < records.length; k++) if (compare(records[k - 1]!, records[k]!) >= 0) return false;
  return true;
}

function isElection(b: RaftTypeBounds, e: Election): boolean {
  return isNat(e.term) && e.term >= 1 && isServer(b, e.leader);
}

function isCommittedEntry(b: RaftTypeBounds, c: CommittedEntry): boolean {
  return isNat(c.index) && c.index >= 1 && isNat(c.term) && isNat(c.value) && c.value < b.values && isNat(c.by) && c.by >= 1;
}

/**
 * Every variable holds a value of its type. The twin's types promise most of
 * this; the check guards the rest (ranges, array lengths, set bits, and the
 * history's sets kept sorted without duplicates).
 * @tla Raft!TypeOK
 */
export function typeOK(b: RaftTypeBounds, s: RaftState): boolean {
  const n = b.servers;
  const all = (1 << n) - 1;
  // Plain loops rather than every(): this runs on every distinct state.
  if (
    s.currentTerm.length !== n ||
    s.state.length !== n ||
    s.votedFor.length !== n ||
    s.log.length !== n ||
    s.commitIndex.length !== n ||
    s.votesResponded.length !== n ||
    s.votesGranted.length !== n ||
    s.nextIndex.length !== n ||
    s.matchIndex.length !== n
  ) {
    return false;
  }
  for (let i = 0; i < n; i++) {
    const term = s.currentTerm[i]!;
    const vote = s.votedFor[i]!;
    if (!isNat(term) || term < 1) return false;
    if (!isServerState(s.state[i]!)) return false;
    if (vote !== null && !isServer(b, vote)) return false;
    for (const e of s.log[i]!) if (!isEntry(b, e)) return false;
    if (!isNat(s.commitIndex[i]!)) return false;
    if ((s.votesResponded[i]! & ~all) !== 0 || (s.votesGranted[i]! & ~all) !== 0) return false;
    const next = s.nextIndex[i]!;
    const match = s.matchIndex[i]!;
    if (next.length !== n || match.length !== n) return false;
    for (let j = 0; j < n; j++) {
      if (!isNat(next[j]!) || next[j]! < 1 || !isNat(match[j]!)) return false;
    }
  }
  for (const item of s.messages) {
    if (!isNat(item.copies) || item.copies < 1 || !isMessage(b, item.m)) return false;
  }
  for (const e of s.elections) if (!isElection(b, e)) return false;
  for (const c of s.committed) if (!isCommittedEntry(b, c)) return false;
  return isRecordSet(s.elections, compareElections) && isRecordSet(s.committed, compareCommitted);
}

/**
 * No term has two winners: `\A e, f \in elections : e.term = f.term => e.leader = f.leader`.
 * @tla Raft!ElectionSafety
 */
export function electionSafety(s: RaftState): boolean {
  const elections = s.elections;
  for (let k = 1; k < elections.length; k++) {
    const f = elections[k]!;
    for (let x = 0; x < k; x++) if (elections[x]!.term === f.term && elections[x]!.leader !== f.leader) return false;
  }
  return true;
}

/** Whether two logs agree on every entry up to the last index where their terms agree. */
function logsMatch(a: Log, b: Log): boolean {
  let k = Math.min(a.length, b.length);
  while (k > 0 && a[k - 1]!.term !== b[k - 1]!.term) k--;
  for (let x = 0; x < k; x++) if (!sameEntry(a[x]!, b[x]!)) return false;
  return true;
}

/**
 * Two logs with an entry of the same term at an index are equal up to it.
 * @tla Raft!LogMatching
 */
export function logMatching(s: RaftState): boolean {
  const n = s.log.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) if (!logsMatch(s.log[i]!, s.log[j]!)) return false;
  }
  return true;
}

/**
 * Every committed record r is in the log of every leader l of a later term
 * than r.by: `Len(log[l]) >= r.index` and `log[l][r.index]` is r's entry.
 * @tla Raft!LeaderCompleteness
 */
export function leaderCompleteness(s: RaftState): boolean {
  if (s.committed.length === 0) return true;
  const n = s.state.length;
  for (let l = 0; l < n; l++) {
    if (s.state[l] !== "Leader") continue;
    const term = s.currentTerm[l]!;
    const log = s.log[l]!;
    for (const r of s.committed) {
      if (term <= r.by) continue;
      if (log.length < r.index) return false;
      const e = log[r.index - 1]!;
      if (e.term !== r.term || e.value !== r.value) return false;
    }
  }
  return true;
}

/**
 * No two committed records of one index differ in term or value:
 * `\A r, q \in committed : r.index = q.index => r.term = q.term /\ r.value = q.value`.
 * @tla Raft!CommittedEntriesAgree
 */
export function committedEntriesAgree(s: RaftState): boolean {
  const committed = s.committed;
  for (let k = 1; k < committed.length; k++) {
    const q = committed[k]!;
    for (let x = 0; x < k; x++) {
      const r = committed[x]!;
      if (r.index === q.index && (r.term !== q.term || r.value !== q.value)) return false;
    }
  }
  return true;
}

/** Whether some committed record is entry `e` at 1-based `index`. */
function isCommitted(committed: readonly CommittedEntry[], index: number, e: Entry): boolean {
  for (const r of committed) if (r.index === index && r.term === e.term && r.value === e.value) return true;
  return false;
}

/**
 * Every entry a server knows to be committed (index k up to
 * `Min(commitIndex[i], Len(log[i]))`) is a committed record at k.
 * @tla Raft!KnownCommittedAreCommitted
 */
export function knownCommittedAreCommitted(s: RaftState): boolean {
  for (let i = 0; i < s.log.length; i++) {
    const log = s.log[i]!;
    const known = knownCommitted(s, i);
    for (let k = 1; k <= known; k++) if (!isCommitted(s.committed, k, log[k - 1]!)) return false;
  }
  return true;
}

/**
 * Servers never apply different entries at one index: the conjunction of
 * {@link committedEntriesAgree} and {@link knownCommittedAreCommitted},
 * which the configs check as two invariants.
 * @tla Raft!StateMachineSafety
 */
export function stateMachineSafety(s: RaftState): boolean {
  return committedEntriesAgree(s) && knownCommittedAreCommitted(s);
}

/**
 * A server's commitIndex never exceeds its log's length.
 * @tla Raft!CommitIndexInLog
 */
export function commitIndexInLog(s: RaftState): boolean {
  for (let i = 0; i < s.log.length; i++) if (s.commitIndex[i]! > s.log[i]!.length) return false;
  return true;
}

/** The invariants checked on every state, in the order the shipped configs list them. */
export function raftInvariants(b: RaftTypeBounds): readonly Invariant<RaftState>[] {
  return [
    { name: "TypeOK", description: "every variable holds a value of its type", holds: (s) => typeOK(b, s) },
    { name: "ElectionSafety", description: "no term has two winners, over every election ever won", holds: electionSafety },
    {
      name: "LogMatching",
      description: "logs with an entry of the same term at an index are equal up to that index",
      holds: logMatching,
    },
    {
      name: "LeaderCompleteness",
      description: "every committed entry is in the log of every leader of a later term than the one that committed it",
      holds: leaderCompleteness,
    },
    {
      name: "CommittedEntriesAgree",
      description: "no index is committed with two different entries (StateMachineSafety, first part)",
      holds: committedEntriesAgree,
    },
    {
      name: "KnownCommittedAreCommitted",
      description: "every entry a server knows to be committed was committed (StateMachineSafety, second part)",
      holds: knownCommittedAreCommitted,
    },
    { name: "CommitIndexInLog", description: "commitIndex never exceeds the log's length", holds: commitIndexInLog },
  ];
}

/** Whether `prefix` is a prefix of `log`. */
function isPrefix(prefix: Log, log: Log): boolean {
  if (prefix === log) return true;
  if (log.length < prefix.length) return false;
  for (let k = 0; k < prefix.length; k++) if (!sameEntry(prefix[k]!, log[k]!)) return false;
  return true;
}

/**
 * A step that starts with i as leader keeps i's log as a prefix of its new log.
 * @tla Raft!LeaderAppendsOnly
 */
export function leaderAppendsOnly(s: RaftState, next: RaftState): boolean {
  if (s.log === next.log) return true;
  for (let i = 0; i < s.state.length; i++) {
    if (s.state[i] === "Leader" && !isPrefix(s.log[i]!, next.log[i]!)) return false;
  }
  return true;
}

/** The action properties checked on every step (TLC: `PROPERTY LeaderAppendOnly`). */
export const raftActionProperties: readonly ActionProperty<RaftState, RaftAction>[] = [
  {
    name: "LeaderAppendOnly",
    description: "a leader only appends to its log",
    holds: (s, _a, next) => leaderAppendsOnly(s, next),
  },
];

/** The bounds of MCRaft.tla, each a constant of that module. */
export interface RaftBounds {
  /** `MaxTerm`: no server's currentTerm exceeds it. */
  readonly maxTerm: number;
  /** `MaxLogLength`: no log is longer. */
  readonly maxLogLength: number;
  /** `MaxCopies`: no message has more copies in flight. */
  readonly maxCopies: number;
  /** `MaxInFlight`: at most this many messages in flight, copies counted. */
  readonly maxInFlight: number;
}

/** Whether a state is within the bounds (MCRaft's four constraints). */
export function withinBounds(b: RaftBounds, s: RaftState): boolean {
  for (let i = 0; i < s.currentTerm.length; i++) {
    if (s.currentTerm[i]! > b.maxTerm) return false; // TermBound
    if (s.log[i]!.length > b.maxLogLength) return false; // LogBound
  }
  for (const item of s.messages) if (item.copies > b.maxCopies) return false; // CopiesBound
  return bagCardinality(s.messages) <= b.maxInFlight; // InFlightBound
}

/** MCRaft's constraints as the checker's state constraint. */
export function raftConstraint(b: RaftBounds): StateConstraint<RaftState> {
  return { name: "TermBound /\\ LogBound /\\ CopiesBound /\\ InFlightBound", holds: (s) => withinBounds(b, s) };
}
