/**
 * The state of single-decree Paxos: the spec's four variables `maxBal`,
 * `maxVBal`, `maxVal` and `msgs`, as immutable data, and the sets of
 * acceptors, values and ballots they range over.
 *
 * @module
 */

/**
 * An acceptor, numbered from 0. Acceptor `i` is the model value `a{i+1}` in
 * the spec's configs, so acceptor 0 prints as `a1`.
 */
export type Acceptor = number;

/** A value that may be chosen, numbered from 0; value `i` is the model value `v{i+1}`. */
export type Value = number;

/** The spec's `None`, "no value" (a model value in the configs). */
export const None = -1;

/** A value, or {@link None}: what `maxVal[a]` and a 1b message's `mval` hold. */
export type ValueOrNone = Value | typeof None;

/** A ballot number, `0..MaxBallot` in the model-checking configs. */
export type Ballot = number;

/** The `-1` that `maxBal`, `maxVBal` and `mbal` hold before any ballot. */
export const noBallot = -1;

/** The spec's model value for an acceptor. */
export function acceptorName(a: Acceptor): string {
  return `a${a + 1}`;
}

/** The spec's model value for a value. */
export function valueName(v: Value): string {
  return `v${v + 1}`;
}

/**
 * A set of acceptors as a bitmask (bit `i` set when acceptor `i` is a
 * member), like a quorum. Numbers are immutable, so a set can never change
 * under a state or an action that holds it.
 */
export type AcceptorSet = number;

/** `a \in set`. */
export function hasAcceptor(set: AcceptorSet, a: Acceptor): boolean {
  return (set & (1 << a)) !== 0;
}

/** The set of all `acceptorCount` acceptors, `Acceptor` in the spec. */
export function allAcceptors(acceptorCount: number): AcceptorSet {
  return (1 << acceptorCount) - 1;
}

/** The members of `set`, in increasing order. */
export function members(set: AcceptorSet): Acceptor[] {
  const result: Acceptor[] = [];
  for (let a = 0; set >>> a !== 0; a++) if (hasAcceptor(set, a)) result.push(a);
  return result;
}

/** How many acceptors `set` holds. */
export function size(set: AcceptorSet): number {
  let n = 0;
  for (let rest = set; rest !== 0; rest &= rest - 1) n++;
  return n;
}

/**
 * The majority quorum system `MCPaxos!Majorities`: every set of more than
 * half the acceptors, ordered by bitmask. Any two majorities intersect.
 */
export function majorities(acceptorCount: number): readonly AcceptorSet[] {
  const quorums: AcceptorSet[] = [];
  for (let q = 1; q <= allAcceptors(acceptorCount); q++) if (2 * size(q) > acceptorCount) quorums.push(q);
  return quorums;
}

/** `[type |-> "1a", bal |-> b]`: the leader of ballot `bal` asks the acceptors to join it. */
export interface Msg1a {
  readonly type: "1a";
  readonly bal: Ballot;
}

/**
 * `[type |-> "1b", acc |-> a, bal |-> b, mbal |-> ..., mval |-> ...]`:
 * acceptor `acc` joins ballot `bal` and reports its last vote, value `mval`
 * in ballot `mbal` (or `-1` and `None`).
 */
export interface Msg1b {
  readonly type: "1b";
  readonly acc: Acceptor;
  readonly bal: Ballot;
  readonly mbal: Ballot;
  readonly mval: ValueOrNone;
}

/** `[type |-> "2a", bal |-> b, val |-> v]`: the leader of ballot `bal` proposes `val`. */
export interface Msg2a {
  readonly type: "2a";
  readonly bal: Ballot;
  readonly val: Value;
}

/** `[type |-> "2b", acc |-> a, bal |-> b, val |-> v]`: acceptor `acc` votes for `val` in ballot `bal`. */
export interface Msg2b {
  readonly type: "2b";
  readonly acc: Acceptor;
  readonly bal: Ballot;
  readonly val: Value;
}

/** A message of the spec's `Message` set. */
export type Message = Msg1a | Msg1b | Msg2a | Msg2b;

/**
 * The spec's `msgs`: a set of messages, as an array sorted by
 * {@link compareMessages} without duplicates, so that equal sets are equal
 * arrays. Build it only with {@link send} (or {@link messageSet}).
 */
export type Messages = readonly Message[];

/** A state of the spec: one value per variable. */
export interface PaxosState {
  /** `maxBal[a]` is at index `a`. */
  readonly maxBal: readonly Ballot[];
  /** `maxVBal[a]` is at index `a`. */
  readonly maxVBal: readonly Ballot[];
  /** `maxVal[a]` is at index `a`. */
  readonly maxVal: readonly ValueOrNone[];
  readonly msgs: Messages;
}

/** The spec's `Init`: no acceptor has joined a ballot or voted, and nothing was sent. */
export function initialState(acceptorCount: number): PaxosState {
  return {
    maxBal: Array.from({ length: acceptorCount }, () => noBallot),
    maxVBal: Array.from({ length: acceptorCount }, () => noBallot),
    maxVal: Array.from({ length: acceptorCount }, () => None),
    msgs: [],
  };
}

const typeRank: Readonly<Record<Message["type"], number>> = { "1a": 0, "1b": 1, "2a": 2, "2b": 3 };

/**
 * The order of messages in {@link Messages}: by type (1a, 1b, 2a, 2b), then
 * field by field in the order `acc`, `bal`, `mbal`, `mval` / `val`. The
 * codec numbers messages in this same order.
 */
export function compareMessages(x: Message, y: Message): number {
  if (x.type !== y.type) return typeRank[x.type] - typeRank[y.type];
  switch (x.type) {
    case "1a":
      return x.bal - (y as Msg1a).bal;
    case "1b": {
      const o = y as Msg1b;
      return x.acc - o.acc || x.bal - o.bal || x.mbal - o.mbal || x.mval - o.mval;
    }
    case "2a": {
      const o = y as Msg2a;
      return x.bal - o.bal || x.val - o.val;
    }
    case "2b": {
      const o = y as Msg2b;
      return x.acc - o.acc || x.bal - o.bal || x.val - o.val;
    }
  }
}

/** Where `m` is in `msgs`, or `-(insertion point) - 1` when it is not there (binary search). */
function search(msgs: Messages, m: Message): number {
  let lo = 0;
  let hi = msgs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareMessages(msgs[mid]!, m);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}

/** `m \in msgs`. */
export function hasMessage(msgs: Messages, m: Message): boolean {
  return search(msgs, m) >= 0;
}

/** `msgs \cup {m}`: `msgs` itself when `m` is already there, else a new array. */
export function send(msgs: Messages, m: Message): Messages {
  const at = search(msgs, m);
  if (at >= 0) return msgs;
  const insertAt = -at - 1;
  const next = msgs.slice(0, insertAt);
  next.push(m);
  for (let i = insertAt; i < msgs.length; i++) next.push(msgs[i]!);
  return next;
}

/** The set of the given messages, in canonical order. */
export function messageSet(messages: Iterable<Message>): Messages {
  let msgs: Messages = [];
  for (const m of messages) msgs = send(msgs, m);
  return msgs;
}

/** A copy of a per-acceptor array with acceptor `a`'s entry set to `to` (`[f EXCEPT ![a] = to]`). */
export function except<T>(f: readonly T[], a: Acceptor, to: T): readonly T[] {
  const next = f.slice();
  next[a] = to;
  return next;
}
