/**
 * The spec's invariants, as predicates on twin states, with the same names
 * as in `spec/Paxos.tla` (which says why each holds).
 *
 * The operators they share (`VotedFor`, `ChosenAt`, `WontVoteIn`,
 * `SafeAt`) read the votes from a {@link Votes} table built from the 2b
 * messages, rather than searching `msgs` for each question.
 *
 * @module
 */
import type { Invariant } from "../protocol.js";
import type { PaxosConfig } from "./config.js";
import { type Acceptor, type AcceptorSet, type Ballot, type Messages, type PaxosState, type Value, None, noBallot } from "./state.js";

/** What the invariants need to know of the model: the constants, quorums included. */
export interface InvariantContext {
  readonly config: PaxosConfig;
  /** The spec's `Quorum`. */
  readonly quorums: readonly AcceptorSet[];
}

/** The votes cast so far: for each acceptor and ballot, the set of values (a bitmask) it voted for. */
export class Votes {
  private readonly ballots: number;
  private readonly table: Uint8Array;

  constructor(config: PaxosConfig, msgs: Messages) {
    this.ballots = config.maxBallot + 1;
    this.table = new Uint8Array(config.acceptorCount * this.ballots);
    for (const m of msgs) if (m.type === "2b") this.table[m.acc * this.ballots + m.bal]! |= 1 << m.val;
  }

  /** `VotedFor(a, b, v)`: the 2b message of `a` for `v` in ballot `b` was sent. */
  votedFor(a: Acceptor, b: Ballot, v: Value): boolean {
    if (b < 0 || b >= this.ballots || v < 0) return false;
    return ((this.table[a * this.ballots + b]! >>> v) & 1) === 1;
  }

  /** Whether `a` voted for any value in ballot `b`. */
  votedIn(a: Acceptor, b: Ballot): boolean {
    return this.table[a * this.ballots + b]! !== 0;
  }
}

/** `\E Q \in Quorum : Q \subseteq set`. */
function containsQuorum(ctx: InvariantContext, set: AcceptorSet): boolean {
  return ctx.quorums.some((q) => (q & set) === q);
}

function isBallotOrNone(config: PaxosConfig, b: Ballot): boolean {
  return Number.isInteger(b) && b >= noBallot && b <= config.maxBallot;
}

function isValue(config: PaxosConfig, v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v < config.valueCount;
}

function isAcceptor(config: PaxosConfig, a: number): boolean {
  return Number.isInteger(a) && a >= 0 && a < config.acceptorCount;
}

/**
 * Every variable has a value of its type; every message belongs to the
 * spec's `Message` set.
 * @tla Paxos!TypeOK
 */
export function typeOK(config: PaxosConfig, s: PaxosState): boolean {
  const n = config.acceptorCount;
  const isBallot = (b: Ballot) => Number.isInteger(b) && b >= 0 && b <= config.maxBallot;
  return (
    s.maxBal.length === n &&
    s.maxVBal.length === n &&
    s.maxVal.length === n &&
    s.maxBal.every((b) => isBallotOrNone(config, b)) &&
    s.maxVBal.every((b) => isBallotOrNone(config, b)) &&
    s.maxVal.every((v) => v === None || isValue(config, v)) &&
    s.msgs.every((m) => {
      switch (m.type) {
        case "1a":
          return isBallot(m.bal);
        case "1b":
          return isAcceptor(config, m.acc) && isBallot(m.bal) && isBallotOrNone(config, m.mbal) && (m.mval === None || isValue(config, m.mval));
        case "2a":
          return isBallot(m.bal) && isValue(config, m.val);
        case "2b":
          return isAcceptor(config, m.acc) && isBallot(m.bal) && isValue(config, m.val);
      }
    })
  );
}

/** The acceptors that voted for `v` in ballot `b`. */
function votersFor(config: PaxosConfig, votes: Votes, b: Ballot, v: Value): AcceptorSet {
  let voters = 0;
  for (let a = 0; a < config.acceptorCount; a++) if (votes.votedFor(a, b, v)) voters |= 1 << a;
  return voters;
}

/** The spec's `Chosen`: the values some quorum voted for in one ballot, as a bitmask. */
export function chosenValues(ctx: InvariantContext, s: PaxosState): number {
  const votes = new Votes(ctx.config, s.msgs);
  let chosen = 0;
  for (let b = 0; b <= ctx.config.maxBallot; b++) {
    for (let v = 0; v < ctx.config.valueCount; v++) {
      if (containsQuorum(ctx, votersFor(ctx.config, votes, b, v))) chosen |= 1 << v;
    }
  }
  return chosen;
}

/**
 * At most one value is chosen.
 * @tla Paxos!Agreement
 */
export function agreement(ctx: InvariantContext, s: PaxosState): boolean {
  const chosen = chosenValues(ctx, s);
  return (chosen & (chosen - 1)) === 0;
}

/**
 * Each acceptor's last vote (`maxVBal`, `maxVal`) is one it cast, or none,
 * and it has joined the ballot of that vote.
 * @tla Paxos!AcceptorConsistent
 */
export function acceptorConsistent(ctx: InvariantContext, s: PaxosState): boolean {
  const votes = new Votes(ctx.config, s.msgs);
  for (let a = 0; a < ctx.config.acceptorCount; a++) {
    const vbal = s.maxVBal[a]!;
    const val = s.maxVal[a]!;
    if ((vbal === noBallot) !== (val === None)) return false;
    if (!(vbal <= s.maxBal[a]!)) return false;
    if (vbal >= 0 && !votes.votedFor(a, vbal, val)) return false;
  }
  return true;
}

/**
 * Every 1b message tells the truth: its acceptor keeps the promise, the
 * reported vote was cast (or none is reported), and the acceptor cast no
 * vote between the reported one and the joined ballot.
 * @tla Paxos!Msg1bConsistent
 */
export function msg1bConsistent(ctx: InvariantContext, s: PaxosState): boolean {
  const votes = new Votes(ctx.config, s.msgs);
  for (const m of s.msgs) {
    if (m.type !== "1b") continue;
    if (!(m.bal <= s.maxBal[m.acc]!)) return false;
    const noVote = m.mbal === noBallot && m.mval === None;
    const castVote = m.mbal >= 0 && m.mbal < m.bal && votes.votedFor(m.acc, m.mbal, m.mval);
    if (!noVote && !castVote) return false;
    for (let c = m.mbal + 1; c < m.bal; c++) if (votes.votedIn(m.acc, c)) return false;
  }
  return true;
}

/**
 * No ballot has proposals of two different values.
 * @tla Paxos!OneValuePerBallot
 */
export function oneValuePerBallot(_ctx: InvariantContext, s: PaxosState): boolean {
  const proposed = new Map<Ballot, Value>();
  for (const m of s.msgs) {
    if (m.type !== "2a") continue;
    const earlier = proposed.get(m.bal);
    if (earlier !== undefined && earlier !== m.val) return false;
    proposed.set(m.bal, m.val);
  }
  return true;
}

/**
 * `SafeAt(b, v)`: for every ballot `c` below `b`, some quorum has all voted
 * for `v` in `c` or will never vote in `c` (`WontVoteIn`: joined a higher
 * ballot without voting in `c`).
 */
export function safeAt(ctx: InvariantContext, s: PaxosState, votes: Votes, b: Ballot, v: Value): boolean {
  for (let c = 0; c < b; c++) {
    let fine: AcceptorSet = 0;
    for (let a = 0; a < ctx.config.acceptorCount; a++) {
      const wontVoteIn = s.maxBal[a]! > c && !votes.votedIn(a, c);
      if (votes.votedFor(a, c, v) || wontVoteIn) fine |= 1 << a;
    }
    if (!containsQuorum(ctx, fine)) return false;
  }
  return true;
}

/**
 * Every proposal is safe at its ballot.
 * @tla Paxos!Msg2aSafe
 */
export function msg2aSafe(ctx: InvariantContext, s: PaxosState): boolean {
  const votes = new Votes(ctx.config, s.msgs);
  return s.msgs.every((m) => m.type !== "2a" || safeAt(ctx, s, votes, m.bal, m.val));
}

/**
 * Every vote is for a proposal, and no acceptor voted above its `maxVBal`.
 * @tla Paxos!Msg2bConsistent
 */
export function msg2bConsistent(_ctx: InvariantContext, s: PaxosState): boolean {
  const proposals = new Set<number>();
  for (const m of s.msgs) if (m.type === "2a") proposals.add(m.bal * 8 + m.val);
  return s.msgs.every((m) => m.type !== "2b" || (proposals.has(m.bal * 8 + m.val) && m.bal <= s.maxVBal[m.acc]!));
}

/** The invariants checked on every state, in the spec's order (Agreement right after TypeOK). */
export function paxosInvariants(ctx: InvariantContext): readonly Invariant<PaxosState>[] {
  const invariant = (name: string, description: string, holds: (ctx: InvariantContext, s: PaxosState) => boolean) => ({
    name,
    description,
    holds: (s: PaxosState) => holds(ctx, s),
  });
  return [
    invariant("TypeOK", "every variable holds a value of its type", (c, s) => typeOK(c.config, s)),
    invariant("Agreement", "at most one value is chosen (voted for by a quorum in one ballot)", agreement),
    invariant("AcceptorConsistent", "each acceptor's last vote is one it cast, in a ballot it joined", acceptorConsistent),
    invariant("Msg1bConsistent", "every 1b message reports its acceptor's votes truthfully and its promise is kept", msg1bConsistent),
    invariant("OneValuePerBallot", "no ballot has two different proposals", oneValuePerBallot),
    invariant("Msg2aSafe", "every proposal is safe at its ballot", msg2aSafe),
    invariant("Msg2bConsistent", "every vote is for a proposal and at most its acceptor's maxVBal", msg2bConsistent),
  ];
}
