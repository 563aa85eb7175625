/**
 * Raft's four messages and the bag of messages in flight.
 *
 * Field names are the spec's (`mterm`, `msource`, ...). The bag is a list of
 * distinct messages with their number of copies, kept sorted by
 * {@link compareMessages}, so that equal bags are equal lists.
 *
 * @module
 */
import type { Entry, Server } from "./state.js";

/** A candidate asks for a vote. */
export interface RequestVoteRequest {
  readonly mtype: "RequestVoteRequest";
  readonly mterm: number;
  readonly mlastLogTerm: number;
  readonly mlastLogIndex: number;
  readonly msource: Server;
  readonly mdest: Server;
}

/** A server answers a vote request. */
export interface RequestVoteResponse {
  readonly mtype: "RequestVoteResponse";
  readonly mterm: number;
  readonly mvoteGranted: boolean;
  readonly msource: Server;
  readonly mdest: Server;
}

/** A leader offers at most one entry, with the index and term of the entry before it. */
export interface AppendEntriesRequest {
  readonly mtype: "AppendEntriesRequest";
  readonly mterm: number;
  readonly mprevLogIndex: number;
  readonly mprevLogTerm: number;
  /** Zero or one entry. */
  readonly mentries: readonly Entry[];
  readonly mcommitIndex: number;
  readonly msource: Server;
  readonly mdest: Server;
}

/** A server answers an AppendEntries request. */
export interface AppendEntriesResponse {
  readonly mtype: "AppendEntriesResponse";
  readonly mterm: number;
  readonly msuccess: boolean;
  readonly mmatchIndex: number;
  readonly msource: Server;
  readonly mdest: Server;
}

/** Any message; `mtype` tells which. */
export type Message = RequestVoteRequest | RequestVoteResponse | AppendEntriesRequest | AppendEntriesResponse;

/** The message types, in the order the bag sorts them. */
export const messageTypes: readonly Message["mtype"][] = [
  "RequestVoteRequest",
  "RequestVoteResponse",
  "AppendEntriesRequest",
  "AppendEntriesResponse",
];

/** A distinct message in flight and how many copies of it there are (at least 1). */
export interface InFlight {
  readonly m: Message;
  readonly copies: number;
}

/** The spec's `messages`: sorted by {@link compareMessages}, no message twice, no zero counts. */
export type Bag = readonly InFlight[];

function typeRank(m: Message): number {
  switch (m.mtype) {
    case "RequestVoteRequest":
      return 0;
    case "RequestVoteResponse":
      return 1;
    case "AppendEntriesRequest":
      return 2;
    case "AppendEntriesResponse":
      return 3;
  }
}

function compareBooleans(a: boolean, b: boolean): number {
  return Number(a) - Number(b);
}

/** A total order on messages (negative, zero or positive); zero exactly when equal. */
export function compareMessages(a: Message, b: Message): number {
  if (a === b) return 0;
  const byType = typeRank(a) - typeRank(b);
  if (byType !== 0) return byType;
  const common = a.mterm - b.mterm || a.msource - b.msource || a.mdest - b.mdest;
  if (common !== 0) return common;
  switch (a.mtype) {
    case "RequestVoteRequest": {
      const o = b as RequestVoteRequest;
      return a.mlastLogTerm - o.mlastLogTerm || a.mlastLogIndex - o.mlastLogIndex;
    }
    case "RequestVoteResponse":
      return compareBooleans(a.mvoteGranted, (b as RequestVoteResponse).mvoteGranted);
    case "AppendEntriesRequest": {
      const o = b as AppendEntriesRequest;
      const byHeader =
        a.mprevLogIndex - o.mprevLogIndex ||
        a.mprevLogTerm - o.mprevLogTerm ||
        a.mcommitIndex - o.mcommitIndex ||
        a.mentries.length - o.mentries.length;
      if (byHeader !== 0) return byHeader;
      for (let k = 0; k < a.mentries.length; k++) {
        const x = a.mentries[k]!;
        const y = o.mentries[k]!;
        const byEntry = x.term - y.term || x.value - y.value;
        if (byEntry !== 0) return byEntry;
      }
      return 0;
    }
    case "AppendEntriesResponse": {
      const o = b as AppendEntriesResponse;
      return compareBooleans(a.msuccess, o.msuccess) || a.mmatchIndex - o.mmatchIndex;
    }
  }
}

/** Where `m` is in the bag, or where it would go: `[position, found]`. */
function locate(bag: Bag, m: Message): readonly [number, boolean] {
  for (let k = 0; k < bag.length; k++) {
    const c = compareMessages(bag[k]!.m, m);
    if (c === 0) return [k, true];
    if (c > 0) return [k, false];
  }
  return [bag.length, false];
}

/** `CopiesIn(m, bag)`. */
export function copiesIn(bag: Bag, m: Message): number {
  const [at, found] = locate(bag, m);
  return found ? bag[at]!.copies : 0;
}

/** `bag (+) SetToBag({m})`: one more copy of `m`. */
export function withMessage(bag: Bag, m: Message): Bag {
  const [at, found] = locate(bag, m);
  const next = bag.slice();
  if (found) next[at] = { m: bag[at]!.m, copies: bag[at]!.copies + 1 };
  else next.splice(at, 0, { m, copies: 1 });
  return next;
}

/** `bag (-) SetToBag({m})`: one copy fewer; the last copy takes `m` out of the bag. */
export function withoutMessage(bag: Bag, m: Message): Bag {
  const [at, found] = locate(bag, m);
  if (!found) return bag;
  const next = bag.slice();
  const copies = bag[at]!.copies;
  if (copies === 1) next.splice(at, 1);
  else next[at] = { m: bag[at]!.m, copies: copies - 1 };
  return next;
}

/** `BagCardinality(bag)`: the number of messages in flight, copies counted. */
export function bagCardinality(bag: Bag): number {
  let n = 0;
  for (const item of bag) n += item.copies;
  return n;
}

/** Sorts a list of distinct messages with their counts into a {@link Bag}. */
export function toBag(items: Iterable<InFlight>): Bag {
  return [...items].sort((a, b) => compareMessages(a.m, b.m));
}
