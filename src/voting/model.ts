/**
 * Voting as a {@link Model}: the abstract spec that Paxos refines
 * (src/paxos/refinement.ts), also explorable on its own.
 *
 * @module
 */
import { match } from "ts-pattern";
import type { Model, TlaActionLabel } from "../protocol.js";
import {
  type TlaValue,
  TlaShapeError,
  applyFunction,
  asInt,
  asSeq,
  asSet,
  field,
  tlaFunction,
  tlaInt,
  tlaModelValue,
  tlaRecord,
  tlaSeq,
  tlaSet,
} from "../tla/value.js";
import { type VotingAction, increaseMaxBal, voteFor } from "./actions.js";
import { votingCodec } from "./codec.js";
import { type AcceptorSet, type VotingConfig, acceptorName, checkVotingConfig, hasAcceptor, valueName } from "./config.js";
import { votingInvariants } from "./invariants.js";
import { type VotingState, didNotVoteAt, initialState, voteBit, votedFor } from "./state.js";

/** `step`, dispatched exhaustively over the action union. */
export function votingStep(config: VotingConfig, s: VotingState, a: VotingAction): VotingState | undefined {
  return match(a)
    .with({ type: "IncreaseMaxBal" }, ({ a: acceptor, b }) => increaseMaxBal(config, s, acceptor, b))
    .with({ type: "VoteFor" }, ({ a: acceptor, b, v, q, c, voter }) => voteFor(config, s, acceptor, b, v, q, c, voter))
    .exhaustive();
}

/**
 * Calls `visit` for every enabled action of `s`, in the order of `Next`:
 * for each acceptor a and ballot b, `IncreaseMaxBal(a, b)`, then
 * `VoteFor(a, b, v)` for each value, once per quorum `Q`, ballot `c` and
 * voter that satisfy `ShowsSafeAt` (quorums in config order, `c` from -1
 * up, voters in order). The loops skip candidates only by guards the
 * action functions check anyway; the functions decide.
 */
export function forEachVotingSuccessor(config: VotingConfig, s: VotingState, visit: (action: VotingAction, next: VotingState) => void): void {
  const { acceptorCount, valueCount, maxBallot, quorums } = config;
  for (let a = 0; a < acceptorCount; a++) {
    for (let b = 0; b <= maxBallot; b++) {
      const raised = increaseMaxBal(config, s, a, b);
      if (raised !== undefined) visit({ type: "IncreaseMaxBal", a, b }, raised);
      if (s.maxBal[a]! > b || !didNotVoteAt(s, a, b)) continue;
      for (let v = 0; v < valueCount; v++) {
        for (const q of quorums) {
          if (!joined(s, q, b)) continue;
          for (let c = -1; c < b; c++) {
            for (let voter = c === -1 ? -1 : 0; voter < acceptorCount; voter++) {
              if (voter >= 0 && !(hasAcceptor(q, voter) && votedFor(s, voter, c, v))) continue;
              const w = voter === -1 ? null : voter;
              const next = voteFor(config, s, a, b, v, q, c, w);
              if (next !== undefined) visit({ type: "VoteFor", a, b, v, q, c, voter: w }, next);
              if (c === -1) break;
            }
          }
        }
      }
    }
  }
}

/** Every acceptor of `q` has moved on to `b` or beyond (ShowsSafeAt's first conjunct). */
function joined(s: VotingState, q: AcceptorSet, b: number): boolean {
  for (let a = 0; a < s.maxBal.length; a++) if (hasAcceptor(q, a) && s.maxBal[a]! < b) return false;
  return true;
}

function acceptorSetToTla(config: VotingConfig, set: AcceptorSet): TlaValue {
  const members: TlaValue[] = [];
  for (let a = 0; a < config.acceptorCount; a++) if (hasAcceptor(set, a)) members.push(tlaModelValue(acceptorName(a)));
  return tlaSet(members);
}

/** The state as `[votes |-> ..., maxBal |-> ...]`. */
export function votingToTla(config: VotingConfig, s: VotingState): TlaValue {
  const acceptor = (a: number) => tlaModelValue(acceptorName(a));
  const votesOf = (a: number) => {
    const pairs: TlaValue[] = [];
    for (let b = 0; b <= config.maxBallot; b++) {
      for (let v = 0; v < config.valueCount; v++) if (votedFor(s, a, b, v)) pairs.push(tlaSeq([tlaInt(b), tlaModelValue(valueName(v))]));
    }
    return tlaSet(pairs);
  };
  return tlaRecord({
    votes: tlaFunction(s.votes.map((_, a) => [acceptor(a), votesOf(a)] as const)),
    maxBal: tlaFunction(s.maxBal.map((b, a) => [acceptor(a), tlaInt(b)] as const)),
  });
}

/** The inverse of {@link votingToTla}. */
export function votingFromTla(config: VotingConfig, value: TlaValue): VotingState {
  const valueNumber = (v: TlaValue) => {
    for (let i = 0; i < config.valueCount; i++) if (v.kind === "modelValue" && v.name === valueName(i)) return i;
    throw new TlaShapeError(`not one of the values v1..v${config.valueCount}`);
  };
  const votes: number[] = [];
  const maxBal: number[] = [];
  for (let a = 0; a < config.acceptorCount; a++) {
    const key = tlaModelValue(acceptorName(a));
    let set = 0;
    for (const pair of asSet(applyFunction(field(value, "votes"), key))) {
      const [b, v] = asSeq(pair);
      if (b === undefined || v === undefined) throw new TlaShapeError("a vote is a pair <<b, v>>");
      set |= voteBit(asInt(b), valueNumber(v));
    }
    votes.push(set);
    maxBal.push(asInt(applyFunction(field(value, "maxBal"), key)));
  }
  return { votes, maxBal };
}

/** The action as TLC labels it, with the witnesses of its existentials. */
export function votingActionLabel(config: VotingConfig, action: VotingAction): TlaActionLabel {
  const params: (readonly [string, TlaValue])[] = [
    ["a", tlaModelValue(acceptorName(action.a))],
    ["b", tlaInt(action.b)],
  ];
  if (action.type === "IncreaseMaxBal") return { name: action.type, params, witnesses: [] };
  return {
    name: action.type,
    params: [...params, ["v", tlaModelValue(valueName(action.v))]],
    witnesses: [
      ["Q", acceptorSetToTla(config, action.q)],
      ["c", tlaInt(action.c)],
      ...(action.voter === null ? [] : [["voter", tlaModelValue(acceptorName(action.voter))] as const]),
    ],
  };
}

/**
 * The TLC config that checks Voting alone (run TLC with `-deadlock`: once
 * every acceptor has moved on to the last ballot, nothing is enabled).
 * `Ballot = {0, ..., maxBallot}` overrides the spec's `Ballot == Nat`.
 */
export function votingTlcConfig(config: VotingConfig, invariants: readonly string[]): string {
  const names = (count: number, name: (i: number) => string) => Array.from({ length: count }, (_, i) => name(i)).join(", ");
  const quorum = (q: AcceptorSet) => {
    const members: string[] = [];
    for (let a = 0; a < config.acceptorCount; a++) if (hasAcceptor(q, a)) members.push(acceptorName(a));
    return `{${members.join(", ")}}`;
  };
  return [
    `\\* Voting: ${config.acceptorCount} acceptors, ${config.valueCount} values, ballots 0..${config.maxBallot}.`,
    "CONSTANTS",
    `  Acceptor = {${names(config.acceptorCount, acceptorName)}}`,
    `  Value = {${names(config.valueCount, valueName)}}`,
    `  Quorum = {${config.quorums.map(quorum).join(", ")}}`,
    `  Ballot = {${names(config.maxBallot + 1, (b) => String(b))}}`,
    "SPECIFICATION Spec",
    ...invariants.map((name) => `INVARIANT ${name}`),
    "",
  ].join("\n");
}

/** The model of Voting with `config`. */
export function votingModel(config: VotingConfig): Model<VotingState, VotingAction> {
  checkVotingConfig(config);
  const invariants = votingInvariants(config);
  return {
    protocol: "voting",
    configLabel: `acceptors=${config.acceptorCount} values=${config.valueCount} max-ballot=${config.maxBallot}`,
    tlaModule: "Voting",
    tlaVariables: ["votes", "maxBal"],
    initialStates: () => [initialState(config.acceptorCount)],
    forEachSuccessor: (s, visit) => forEachVotingSuccessor(config, s, visit),
    step: (s, a) => votingStep(config, s, a),
    invariants,
    actionProperties: [],
    constraint: undefined,
    codec: votingCodec(config),
    symmetry: undefined,
    toTla: (s) => votingToTla(config, s),
    fromTla: (v) => votingFromTla(config, v),
    actionLabel: (a) => votingActionLabel(config, a),
    tlcModel: () => ({ module: "Voting", cfg: votingTlcConfig(config, invariants.map((i) => i.name)) }),
  };
}
