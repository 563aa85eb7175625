/**
 * Symmetry of Raft: the protocol treats servers alike (a quorum is any
 * majority) and never looks at a client value, so permuting server names,
 * value names, or both, maps behaviours to behaviours and keeps every
 * invariant's truth. The history is renamed with the rest: the leaders in
 * `elections` and the values in `committed`. MCRaft.tla's `Symmetry` (every
 * server permutation combined with every value permutation) is the same
 * reduction for TLC.
 *
 * @module
 */
import type { StateCodec, Symmetry } from "../protocol.js";
import { type InFlight, type Message, toBag } from "./messages.js";
import {
  type Entry,
  type Log,
  type RaftState,
  type Server,
  type ServerSet,
  compareCommitted,
  compareElections,
  toRecordSet,
} from "./state.js";

/** Every permutation of `0..n-1`, each as an array `p` with `p[old] = new`. */
export function permutations(n: number): readonly (readonly number[])[] {
  if (n === 0) return [[]];
  const result: number[][] = [];
  for (const rest of permutations(n - 1)) {
    for (let at = 0; at <= rest.length; at++) result.push([...rest.slice(0, at), n - 1, ...rest.slice(at)]);
  }
  return result;
}

/** A renaming of servers and values: server `i` becomes `servers[i]`, value `v` becomes `values[v]`. */
export interface Renaming {
  readonly servers: readonly number[];
  readonly values: readonly number[];
}

function renameSet(r: Renaming, set: ServerSet): ServerSet {
  let out = 0;
  for (let i = 0; i < r.servers.length; i++) if ((set >> i) & 1) out |= 1 << r.servers[i]!;
  return out;
}

function renameEntry(r: Renaming, e: Entry): Entry {
  return { term: e.term, value: r.values[e.value]! };
}

function renameLog(r: Renaming, log: Log): Log {
  return log.map((e) => renameEntry(r, e));
}

function renameMessage(r: Renaming, m: Message): Message {
  const ends = { msource: r.servers[m.msource]!, mdest: r.servers[m.mdest]! };
  return m.mtype === "AppendEntriesRequest" ? { ...m, ...ends, mentries: renameLog(r, m.mentries) } : { ...m, ...ends };
}

/** The state with servers and values renamed. */
export function renameState(r: Renaming, s: RaftState): RaftState {
  const n = r.servers.length;
  // placed[new] = value of old server `old` where servers[old] = new
  const place = <T>(values: readonly T[], f: (v: T) => T): readonly T[] => {
    const out: T[] = new Array<T>(n);
    for (let i = 0; i < n; i++) out[r.servers[i]!] = f(values[i]!);
    return out;
  };
  const same = <T>(v: T) => v;
  return {
    currentTerm: place(s.currentTerm, same),
    state: place(s.state, same),
    votedFor: place(s.votedFor, (v) => (v === null ? null : (r.servers[v] as Server))),
    log: place(s.log, (log) => renameLog(r, log)),
    commitIndex: place(s.commitIndex, same),
    votesResponded: place(s.votesResponded, (set) => renameSet(r, set)),
    votesGranted: place(s.votesGranted, (set) => renameSet(r, set)),
    nextIndex: place(s.nextIndex, (row) => place(row, same)),
    matchIndex: place(s.matchIndex, (row) => place(row, same)),
    messages: toBag(s.messages.map((item): InFlight => ({ m: renameMessage(r, item.m), copies: item.copies }))),
    // The history: leaders are servers, committed entries carry values; terms stay.
    elections:
      s.elections.length === 0
        ? s.elections
        : toRecordSet(s.elections.map((e) => ({ term: e.term, leader: r.servers[e.leader]! })), compareElections),
    committed:
      s.committed.length === 0
        ? s.committed
        : toRecordSet(s.committed.map((c) => ({ ...c, value: r.values[c.value]! })), compareCommitted),
  };
}

/** Every renaming of `servers` servers and `values` values. */
export function renamings(servers: number, values: number): readonly Renaming[] {
  const out: Renaming[] = [];
  for (const ps of permutations(servers)) for (const pv of permutations(values)) out.push({ servers: ps, values: pv });
  return out;
}

/**
 * Symmetry over servers and values: the representative of a state is its
 * renaming with the smallest encoding (compared word by word), which is the
 * same for every state of an orbit because the encoding is canonical.
 */
export function raftSymmetry(servers: number, values: number, codec: StateCodec<RaftState>): Symmetry<RaftState> {
  // The state itself is the first candidate, so the identity need not be tried.
  const isIdentity = (p: readonly number[]) => p.every((x, k) => x === k);
  const all = renamings(servers, values).filter((r) => !(isIdentity(r.servers) && isIdentity(r.values)));
  const best = new Int32Array(codec.maxWords);
  const candidate = new Int32Array(codec.maxWords);
  return {
    sets: ["Server", "Value"],
    representative(state) {
      let chosen = state;
      let bestLength = codec.encode(state, best, 0);
      for (const r of all) {
        const renamed = renameState(r, state);
        const length = codec.encode(renamed, candidate, 0);
        if (compareWords(candidate, length, best, bestLength) < 0) {
          best.set(candidate.subarray(0, length));
          bestLength = length;
          chosen = renamed;
        }
      }
      return chosen;
    },
  };
}

function compareWords(a: Int32Array, aLength: number, b: Int32Array, bLength: number): number {
  const n = Math.min(aLength, bLength);
  for (let k = 0; k < n; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return aLength - bLength;
}
