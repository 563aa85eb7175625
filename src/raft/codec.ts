/**
 * A compact, canonical encoding of Raft states as 32-bit words.
 *
 * Per server `i`, in server order:
 * - one header word: currentTerm (bits 0..3), state (4..5), votedFor + 1
 *   with 0 for Nil (6..8), commitIndex (9..12), log length (13..16),
 *   votesResponded (17..21), votesGranted (22..26);
 * - the log, five entries per word, six bits each (term: 4, value: 2);
 * - nextIndex[i][j] and matchIndex[i][j], four bits each, one byte per j,
 *   four j per word.
 *
 * Then the bag: the number of distinct messages, and for each, in the
 * bag's (canonical) order, its key (see {@link messageKey}) and its copies.
 *
 * Then the history. `elections` as a bitmap: for each term from 1 to
 * MaxTerm, one bit per server (set when that server won that term's
 * election), as many terms per word as fit. `committed`: the number of
 * records, then the records in their (canonical) order, two per word, each
 * as 14 bits (see {@link committedKey}). Only an explored state's leader
 * adds to the history, so an election's term is at most MaxTerm and a
 * record's index at most MaxLogLength, its terms at most MaxTerm; there
 * are at most MaxLogLength * MaxTerm * |Value| * MaxTerm distinct records.
 *
 * Hence at most 5 servers, 4 values, and terms and indexes up to 15: the
 * protocol's options keep every state the checker stores inside these
 * limits, and `encode` throws a RangeError rather than wrap around.
 *
 * Decoding shares what it can: equal messages, logs and index rows decode
 * to the same (immutable) objects, so expanding a state allocates little.
 *
 * @module
 */
import type { StateCodec } from "../protocol.js";
import type { AppendEntriesRequest, Bag, InFlight, Message } from "./messages.js";
import type { CommittedEntry, Election, Entry, Log, RaftState, Server, ServerState } from "./state.js";

/** The most servers the encoding has room for. */
export const maxEncodedServers = 5;
/** The most client values the encoding has room for. */
export const maxEncodedValues = 4;
/** The largest term, index or commitIndex the encoding has room for. */
export const maxEncodedNumber = 15;

const entriesPerWord = 5;
const serverStates: readonly ServerState[] = ["Follower", "Candidate", "Leader"];

function stateCode(v: ServerState): number {
  switch (v) {
    case "Follower":
      return 0;
    case "Candidate":
      return 1;
    case "Leader":
      return 2;
  }
}

/** Bits that are set above the 4-bit range of a number field: nonzero means it does not fit. */
function overflow4(n: number): number {
  return n & ~15;
}

/**
 * A message as 31 bits: type (bits 0..1), mterm (2..5), msource (6..8),
 * mdest (9..11), then per type: lastLogTerm (12..15) and lastLogIndex
 * (16..19); voteGranted (12); prevLogIndex (12..15), prevLogTerm (16..19),
 * commitIndex (20..23), whether there is an entry (24), its term (25..28)
 * and value (29..30); success (12) and matchIndex (13..16).
 */
export function messageKey(m: Message): number {
  const common = (m.mterm << 2) | (m.msource << 6) | (m.mdest << 9);
  let bad = overflow4(m.mterm);
  let key: number;
  switch (m.mtype) {
    case "RequestVoteRequest":
      bad |= overflow4(m.mlastLogTerm) | overflow4(m.mlastLogIndex);
      key = 0 | common | (m.mlastLogTerm << 12) | (m.mlastLogIndex << 16);
      break;
    case "RequestVoteResponse":
      key = 1 | common | (m.mvoteGranted ? 1 << 12 : 0);
      break;
    case "AppendEntriesRequest": {
      bad |= overflow4(m.mprevLogIndex) | overflow4(m.mprevLogTerm) | overflow4(m.mcommitIndex);
      key = 2 | common | (m.mprevLogIndex << 12) | (m.mprevLogTerm << 16) | (m.mcommitIndex << 20);
      const entry = m.mentries[0];
      if (entry !== undefined) {
        bad |= overflow4(entry.term) | (m.mentries.length - 1);
        key |= (1 << 24) | (entry.term << 25) | (entry.value << 29);
      }
      break;
    }
    case "AppendEntriesResponse":
      bad |= overflow4(m.mmatchIndex);
      key = 3 | common | (m.msuccess ? 1 << 12 : 0) | (m.mmatchIndex << 13);
      break;
  }
  if (bad !== 0) throw new RangeError(`message does not fit the Raft encoding: ${JSON.stringify(m)}`);
  return key;
}

/** The message whose key is `key` (the inverse of {@link messageKey}). */
export function messageFromKey(key: number, entryOf: (term: number, value: number) => Entry): Message {
  const mterm = (key >>> 2) & 15;
  const msource = (key >>> 6) & 7;
  const mdest = (key >>> 9) & 7;
  switch (key & 3) {
    case 0:
      return {
        mtype: "RequestVoteRequest",
        mterm,
        mlastLogTerm: (key >>> 12) & 15,
        mlastLogIndex: (key >>> 16) & 15,
        msource,
        mdest,
      };
    case 1:
      return { mtype: "RequestVoteResponse", mterm, mvoteGranted: ((key >>> 12) & 1) === 1, msource, mdest };
    case 2: {
      const m: AppendEntriesRequest = {
        mtype: "AppendEntriesRequest",
        mterm,
        mprevLogIndex: (key >>> 12) & 15,
        mprevLogTerm: (key >>> 16) & 15,
        mentries: ((key >>> 24) & 1) === 1 ? [entryOf((key >>> 25) & 15, (key >>> 29) & 3)] : [],
        mcommitIndex: (key >>> 20) & 15,
        msource,
        mdest,
      };
      return m;
    }
    default:
      return {
        mtype: "AppendEntriesResponse",
        mterm,
        msuccess: ((key >>> 12) & 1) === 1,
        mmatchIndex: (key >>> 13) & 15,
        msource,
        mdest,
      };
  }
}

/**
 * A record of `committed` as 14 bits: index (bits 10..13), term (6..9),
 * value (4..5), by (0..3). Keys order records as `compareCommitted` (state.ts)
 * does. Throws a RangeError for a record that does not fit.
 */
export function committedKey(r: CommittedEntry): number {
  const bad = overflow4(r.index) | overflow4(r.term) | overflow4(r.by) | (r.value & ~3);
  if (bad !== 0 || r.index < 1 || r.by < 1) {
    throw new RangeError(`a committed record does not fit the Raft encoding: ${JSON.stringify(r)}`);
  }
  return (r.index << 10) | (r.term << 6) | (r.value << 4) | r.by;
}

/** The sizes that fix the encoding's length. */
export interface RaftCodecConfig {
  readonly servers: number;
  readonly values: number;
  readonly maxTerm: number;
  readonly maxLogLength: number;
  readonly maxInFlight: number;
}

/** The codec for a config. */
export function raftCodec(config: RaftCodecConfig): StateCodec<RaftState> {
  const { servers: n, values } = config;
  if (n < 1 || n > maxEncodedServers) throw new RangeError(`the Raft encoding holds 1 to ${maxEncodedServers} servers`);
  if (values < 1 || values > maxEncodedValues) throw new RangeError(`the Raft encoding holds 1 to ${maxEncodedValues} values`);
  if (config.maxLogLength > maxEncodedNumber) throw new RangeError(`the Raft encoding holds logs of up to ${maxEncodedNumber} entries`);
  if (config.maxTerm < 1 || config.maxTerm > maxEncodedNumber) throw new RangeError(`the Raft encoding holds terms up to ${maxEncodedNumber}`);
  const rowWords = Math.ceil(n / 4);
  const logWords = Math.ceil(config.maxLogLength / entriesPerWord);
  const maxTerm = config.maxTerm;
  // elections: n bits per term, as many whole terms per word as fit.
  const termsPerWord = Math.floor(32 / n);
  const electionWords = Math.ceil(maxTerm / termsPerWord);
  const maxRecords = config.maxLogLength * maxTerm * values * maxTerm;
  // Distinct messages are at most the messages in flight.
  const maxWords =
    n * (1 + logWords + rowWords) + 1 + 2 * config.maxInFlight + electionWords + 1 + Math.ceil(maxRecords / 2);

  // Shared decoded parts, by their encoding.
  const entries: Entry[] = [];
  const entryOf = (term: number, value: number): Entry => {
    const code = (term << 2) | value;
    return (entries[code] ??= { term, value });
  };
  const logs = new Map<number, Log>();
  const rows = new Map<number, readonly number[]>();
  const inFlight = new Map<number, InFlight>();
  const messages = new Map<number, Message>();
  const electionRecords: Election[] = [];
  const electionOf = (term: number, leader: number): Election => (electionRecords[term * 8 + leader] ??= { term, leader });
  const electionSets = new Map<number, readonly Election[]>();
  const committedRecords: CommittedEntry[] = [];
  const committedOf = (key: number): CommittedEntry =>
    (committedRecords[key] ??= { index: key >>> 10, term: (key >>> 6) & 15, value: (key >>> 4) & 3, by: key & 15 });
  // Sets of at most two records (one word), by count and word.
  const committedSets = new Map<number, readonly CommittedEntry[]>();
  const termMask = (1 << n) - 1;

  const decodeElections = (words: Int32Array, from: number): readonly Election[] => {
    const built: Election[] = [];
    for (let w = 0; w < electionWords; w++) {
      const word = words[from + w]!;
      if (word === 0) continue;
      for (let x = 0; x < termsPerWord; x++) {
        const leaders = (word >>> (n * x)) & termMask;
        if (leaders === 0) continue;
        const term = w * termsPerWord + x + 1;
        for (let i = 0; i < n; i++) if ((leaders >>> i) & 1) built.push(electionOf(term, i));
      }
    }
    return built;
  };

  const decodeRow = (word: number, shift: number): readonly [readonly number[], readonly number[]] => {
    // One cache entry per (nextIndex row, matchIndex row) of one word: for
    // more than 4 servers the row spans words and is built without caching.
    const next: number[] = [];
    const match: number[] = [];
    for (let j = 0; j < n; j++) {
      const byte = word >>> (8 * (j % 4) + shift);
      next.push(byte & 15);
      match.push((byte >>> 4) & 15);
    }
    return [next, match];
  };
  const sharedRow = (key: number, build: () => readonly number[]): readonly number[] => {
    let row = rows.get(key);
    if (row === undefined) {
      row = build();
      rows.set(key, row);
    }
    return row;
  };

  return {
    maxWords,
    encode(s, out, offset) {
      let at = offset;
      let bad = 0;
      for (let i = 0; i < n; i++) {
        const log = s.log[i]!;
        const vote = s.votedFor[i]!;
        const term = s.currentTerm[i]!;
        const commit = s.commitIndex[i]!;
        bad |= overflow4(term) | overflow4(commit) | overflow4(log.length);
        out[at++] =
          term |
          (stateCode(s.state[i]!) << 4) |
          ((vote === null ? 0 : vote + 1) << 6) |
          (commit << 9) |
          (log.length << 13) |
          (s.votesResponded[i]! << 17) |
          (s.votesGranted[i]! << 22);
        for (let k = 0; k < log.length; k += entriesPerWord) {
          let word = 0;
          for (let x = k; x < k + entriesPerWord && x < log.length; x++) {
            const e = log[x]!;
            bad |= overflow4(e.term);
            word |= (e.term | (e.value << 4)) << (6 * (x - k));
          }
          out[at++] = word;
        }
        const next = s.nextIndex[i]!;
        const match = s.matchIndex[i]!;
        for (let j0 = 0; j0 < n; j0 += 4) {
          let word = 0;
          for (let j = j0; j < j0 + 4 && j < n; j++) {
            bad |= overflow4(next[j]!) | overflow4(match[j]!);
            word |= (next[j]! | (match[j]! << 4)) << (8 * (j - j0));
          }
          out[at++] = word;
        }
      }
      if (bad !== 0) throw new RangeError("a term or index exceeds 15, beyond the Raft encoding");
      out[at++] = s.messages.length;
      for (const item of s.messages) {
        out[at++] = messageKey(item.m);
        out[at++] = item.copies;
      }
      for (let w = 0; w < electionWords; w++) out[at + w] = 0;
      for (const e of s.elections) {
        if (e.term < 1 || e.term > maxTerm || e.leader < 0 || e.leader >= n) {
          throw new RangeError(`an election does not fit the Raft encoding for MaxTerm ${maxTerm}: ${JSON.stringify(e)}`);
        }
        const x = e.term - 1;
        const w = Math.floor(x / termsPerWord);
        out[at + w] = out[at + w]! | (1 << (n * (x % termsPerWord) + e.leader));
      }
      at += electionWords;
      const committed = s.committed;
      if (committed.length > maxRecords) {
        throw new RangeError(`${committed.length} committed records exceed the Raft encoding's ${maxRecords} for this config`);
      }
      out[at++] = committed.length;
      for (let k = 0; k < committed.length; k += 2) {
        const second = committed[k + 1];
        out[at++] = committedKey(committed[k]!) | (second === undefined ? 0 : committedKey(second) << 16);
      }
      return at - offset;
    },
    decode(words, offset) {
      let at = offset;
      const currentTerm: number[] = [];
      const state: ServerState[] = [];
      const votedFor: (Server | null)[] = [];
      const log: Log[] = [];
      const commitIndex: number[] = [];
      const votesResponded: number[] = [];
      const votesGranted: number[] = [];
      const nextIndex: (readonly number[])[] = [];
      const matchIndex: (readonly number[])[] = [];
      for (let i = 0; i < n; i++) {
        const header = words[at++]!;
        currentTerm.push(header & 15);
        state.push(serverStates[(header >>> 4) & 3]!);
        const vote = (header >>> 6) & 7;
        votedFor.push(vote === 0 ? null : vote - 1);
        commitIndex.push((header >>> 9) & 15);
        const length = (header >>> 13) & 15;
        votesResponded.push((header >>> 17) & 31);
        votesGranted.push((header >>> 22) & 31);
        if (length === 0) {
          log.push(noEntries);
        } else if (length <= entriesPerWord) {
          const word = words[at++]!;
          const key = word * 8 + length;
          let shared = logs.get(key);
          if (shared === undefined) {
            const built: Entry[] = [];
            for (let x = 0; x < length; x++) {
              const bits = word >>> (6 * x);
              built.push(entryOf(bits & 15, (bits >>> 4) & 3));
            }
            shared = built;
            logs.set(key, shared);
          }
          log.push(shared);
        } else {
          const built: Entry[] = [];
          for (let k = 0; k < length; k += entriesPerWord) {
            const word = words[at++]!;
            for (let x = k; x < k + entriesPerWord && x < length; x++) {
              const bits = word >>> (6 * (x - k));
              built.push(entryOf(bits & 15, (bits >>> 4) & 3));
            }
          }
          log.push(built);
        }
        if (rowWords === 1) {
          const word = words[at++]!;
          // Low nibbles are nextIndex, high nibbles matchIndex: cache each
          // row under its own nibbles, tagged to keep the two apart.
          nextIndex.push(sharedRow((word & 0x0f0f0f0f) * 2, () => decodeRow(word, 0)[0]));
          matchIndex.push(sharedRow((word & 0xf0f0f0f0) * 2 + 1, () => decodeRow(word, 0)[1]));
        } else {
          const next: number[] = [];
          const match: number[] = [];
          for (let j0 = 0; j0 < n; j0 += 4) {
            const word = words[at++]!;
            for (let j = j0; j < j0 + 4 && j < n; j++) {
              const byte = word >>> (8 * (j - j0));
              next.push(byte & 15);
              match.push((byte >>> 4) & 15);
            }
          }
          nextIndex.push(next);
          matchIndex.push(match);
        }
      }
      const distinct = words[at++]!;
      const bag: InFlight[] = [];
      for (let k = 0; k < distinct; k++) {
        const key = words[at++]!;
        const copies = words[at++]!;
        const itemKey = key * 64 + copies;
        let item = inFlight.get(itemKey);
        if (item === undefined) {
          let m = messages.get(key);
          if (m === undefined) {
            m = messageFromKey(key, entryOf);
            messages.set(key, m);
          }
          item = { m, copies };
          if (copies < 64) inFlight.set(itemKey, item);
        }
        bag.push(item);
      }
      const messagesInFlight: Bag = bag;
      let elections: readonly Election[];
      if (electionWords === 1) {
        const word = words[at]!;
        let shared = electionSets.get(word);
        if (shared === undefined) {
          shared = decodeElections(words, at);
          electionSets.set(word, shared);
        }
        elections = shared;
      } else {
        elections = decodeElections(words, at);
      }
      at += electionWords;
      const records = words[at++]!;
      let committed: readonly CommittedEntry[];
      if (records === 0) {
        committed = noRecords;
      } else if (records <= 2) {
        const word = words[at++]!;
        const key = (word >>> 0) * 4 + records;
        let shared = committedSets.get(key);
        if (shared === undefined) {
          shared = records === 1 ? [committedOf(word & 0xffff)] : [committedOf(word & 0xffff), committedOf(word >>> 16)];
          committedSets.set(key, shared);
        }
        committed = shared;
      } else {
        const built: CommittedEntry[] = [];
        for (let k = 0; k < records; k += 2) {
          const word = words[at++]!;
          built.push(committedOf(word & 0xffff));
          if (k + 1 < records) built.push(committedOf(word >>> 16));
        }
        committed = built;
      }
      return {
        currentTerm,
        state,
        votedFor,
        log,
        commitIndex,
        votesResponded,
        votesGranted,
        nextIndex,
        matchIndex,
        messages: messagesInFlight,
        elections,
        committed,
      };
    },
  };
}

const noEntries: Log = [];
const noRecords: readonly CommittedEntry[] = [];
