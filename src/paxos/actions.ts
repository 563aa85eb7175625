/**
 * The actions of single-decree Paxos, one function per TLA+ action of
 * `spec/Paxos.tla`.
 *
 * Each function returns the next state, or `undefined` when the action is not
 * enabled with the given parameters and witnesses. Guards come first, in the
 * spec's order; the update follows. No function changes its input.
 *
 * Every existential of an action is a parameter here, so that a step is a
 * function: `Phase1b(a)` answers one 1a message `m`, `Phase2b(a)` votes for
 * one 2a message `m`, and `Phase2a(b, v)` uses one quorum `q` and, when the
 * quorum reports votes, one 1b message `m` that reports the highest of them.
 * TLC computes one successor per satisfying choice of these, even when the
 * successors are equal, and so does the twin.
 *
 * @module
 */
import type { PaxosConfig } from "./config.js";
import {
  type Acceptor,
  type AcceptorSet,
  type Ballot,
  type Messages,
  type Msg1a,
  type Msg1b,
  type Msg2a,
  type PaxosState,
  type Value,
  except,
  hasAcceptor,
  hasMessage,
  majorities,
  send,
} from "./state.js";

/**
 * An action of the twin: `type` is the TLA+ action's name; `a`, `b` and `v`
 * are its parameters; `m` and `q` are the witnesses of its existentials.
 */
export type PaxosAction =
  | { readonly type: "Phase1a"; readonly b: Ballot }
  | { readonly type: "Phase1b"; readonly a: Acceptor; readonly m: Msg1a }
  | {
      readonly type: "Phase2a";
      readonly b: Ballot;
      readonly v: Value;
      /** The quorum `Q` whose 1b messages allow the proposal. */
      readonly q: AcceptorSet;
      /**
       * The 1b message of `Q1bv` that reports the highest vote, whose value
       * is proposed; `null` when no acceptor of the quorum reports a vote
       * (the disjunct `Q1bv = {}`, which binds no message).
       */
      readonly m: Msg1b | null;
    }
  | { readonly type: "Phase2b"; readonly a: Acceptor; readonly m: Msg2a };

/**
 * The parts of the spec that bug-zoo variants may replace. The reference
 * rules are the spec's; a variant swaps one of them and inherits the rest.
 */
export interface PaxosRules {
  /** The spec's constant `Quorum` for `acceptorCount` acceptors; the reference is {@link majorities}. */
  readonly quorums: (acceptorCount: number) => readonly AcceptorSet[];
  /**
   * Phase1b's update of `maxBal` when acceptor `a` joins ballot `b`; the
   * spec's is `maxBal' = [maxBal EXCEPT ![a] = m.bal]`, the promise.
   */
  readonly promise: (s: PaxosState, a: Acceptor, b: Ballot) => readonly Ballot[];
  /** Phase2a's first guard; the spec's is `~ \E m \in msgs : m.type = "2a" /\ m.bal = b`. */
  readonly mayPropose: (s: PaxosState, b: Ballot, v: Value) => boolean;
  /**
   * Phase2a's condition on the value, given the quorum's 1b messages that
   * report a vote (`Q1bv`) and the witness `m`; the spec's is
   * `\/ Q1bv = {} \/ \E m \in Q1bv : m.mval = v /\ \A mm \in Q1bv : m.mbal >= mm.mbal`.
   */
  readonly respectsReports: (q1bv: readonly Msg1b[], v: Value, m: Msg1b | null) => boolean;
  /** Phase2b's guard on acceptor `a` voting for `m`; the spec's is `m.bal >= maxBal[a]`. */
  readonly mayVote: (s: PaxosState, a: Acceptor, m: Msg2a) => boolean;
}

/** What every action needs besides the state: the config, its quorums and the rules in force. */
export interface PaxosContext {
  readonly config: PaxosConfig;
  /** `Quorum`: the rules' quorum system for this config, in a fixed order. */
  readonly quorums: readonly AcceptorSet[];
  readonly rules: PaxosRules;
}

/** The context for `config` under `rules`. */
export function paxosContext(config: PaxosConfig, rules: PaxosRules): PaxosContext {
  return { config, quorums: rules.quorums(config.acceptorCount), rules };
}

function sameMessage(x: Msg1b, y: Msg1b): boolean {
  return x.acc === y.acc && x.bal === y.bal && x.mbal === y.mbal && x.mval === y.mval;
}

/** The spec's rules. */
export const referenceRules: PaxosRules = {
  quorums: majorities,
  promise: (s, a, b) => except(s.maxBal, a, b),
  mayPropose: (s, b) => !s.msgs.some((m) => m.type === "2a" && m.bal === b),
  respectsReports: (q1bv, v, m) =>
    m === null
      ? q1bv.length === 0
      : q1bv.some((x) => sameMessage(x, m)) && m.mval === v && q1bv.every((mm) => m.mbal >= mm.mbal),
  mayVote: (s, a, m) => m.bal >= s.maxBal[a]!,
};

function isAcceptor(ctx: PaxosContext, a: Acceptor): boolean {
  return Number.isInteger(a) && a >= 0 && a < ctx.config.acceptorCount;
}

function isBallot(ctx: PaxosContext, b: Ballot): boolean {
  return Number.isInteger(b) && b >= 0 && b <= ctx.config.maxBallot;
}

function isValue(ctx: PaxosContext, v: Value): boolean {
  return Number.isInteger(v) && v >= 0 && v < ctx.config.valueCount;
}

/**
 * The leader of ballot `b` sends a 1a message. Always enabled; when the
 * message was sent before, the state stays as it is.
 * @tla Paxos!Phase1a
 */
export function phase1a(ctx: PaxosContext, s: PaxosState, b: Ballot): PaxosState | undefined {
  if (!isBallot(ctx, b)) return undefined;
  return { ...s, msgs: send(s.msgs, { type: "1a", bal: b }) };
}

/**
 * Acceptor `a` answers the 1a message `m` of a ballot higher than any it has
 * joined: it joins that ballot (`maxBal`) and reports its last vote.
 * @tla Paxos!Phase1b
 */
export function phase1b(ctx: PaxosContext, s: PaxosState, a: Acceptor, m: Msg1a): PaxosState | undefined {
  if (!isAcceptor(ctx, a)) return undefined;
  if (m.type !== "1a" || !hasMessage(s.msgs, m)) return undefined;
  if (!(m.bal > s.maxBal[a]!)) return undefined;
  return {
    ...s,
    maxBal: ctx.rules.promise(s, a, m.bal),
    msgs: send(s.msgs, { type: "1b", acc: a, bal: m.bal, mbal: s.maxVBal[a]!, mval: s.maxVal[a]! }),
  };
}

/**
 * The 1b messages of ballot `b` from the acceptors of `q` (the spec's `Q1b`).
 */
export function quorum1bMessages(msgs: Messages, b: Ballot, q: AcceptorSet): Msg1b[] {
  const q1b: Msg1b[] = [];
  for (const m of msgs) if (m.type === "1b" && hasAcceptor(q, m.acc) && m.bal === b) q1b.push(m);
  return q1b;
}

/** `Q \subseteq {m.acc : m \in Q1b}`: every acceptor of `q` sent one of `q1b`. */
function everyoneAnswered(q: AcceptorSet, q1b: readonly Msg1b[]): boolean {
  let answered = 0;
  for (const m of q1b) answered |= 1 << m.acc;
  return (q & answered) === q;
}

/**
 * The leader of ballot `b` proposes `v`, allowed by quorum `q`: every
 * acceptor of `q` has joined `b`, and `v` is the value of the highest vote
 * they report (carried by witness `m`), or any value when they report none
 * (`m` is then `null`). At most one proposal per ballot.
 * @tla Paxos!Phase2a
 */
export function phase2a(
  ctx: PaxosContext,
  s: PaxosState,
  b: Ballot,
  v: Value,
  q: AcceptorSet,
  m: Msg1b | null,
): PaxosState | undefined {
  if (!isBallot(ctx, b) || !isValue(ctx, v)) return undefined;
  if (!ctx.rules.mayPropose(s, b, v)) return undefined;
  if (!ctx.quorums.includes(q)) return undefined;
  const q1b = quorum1bMessages(s.msgs, b, q);
  if (!everyoneAnswered(q, q1b)) return undefined;
  const q1bv = q1b.filter((x) => x.mbal >= 0);
  if (!ctx.rules.respectsReports(q1bv, v, m)) return undefined;
  return { ...s, msgs: send(s.msgs, { type: "2a", bal: b, val: v }) };
}

/**
 * Acceptor `a` votes for the proposal `m` of a ballot at least as high as
 * any it has joined, and records the vote. Voting again for the same
 * proposal leaves the state as it is.
 * @tla Paxos!Phase2b
 */
export function phase2b(ctx: PaxosContext, s: PaxosState, a: Acceptor, m: Msg2a): PaxosState | undefined {
  if (!isAcceptor(ctx, a)) return undefined;
  if (m.type !== "2a" || !hasMessage(s.msgs, m)) return undefined;
  if (!ctx.rules.mayVote(s, a, m)) return undefined;
  return {
    maxBal: except(s.maxBal, a, m.bal),
    maxVBal: except(s.maxVBal, a, m.bal),
    maxVal: except(s.maxVal, a, m.val),
    msgs: send(s.msgs, { type: "2b", acc: a, bal: m.bal, val: m.val }),
  };
}
