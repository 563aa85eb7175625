/**
 * Voting as a {@link Model}: the abstract spec that Paxos refines
 * (src/paxos/refinement.ts), also explorable on its own.
 *
 * @module
 */
import { transitionsOf } from "../action-table.js";
import type { Model, TlaActionLabel } from "../protocol.js";
import { modelValueSetsOf, namesOf } from "../protocol.js";
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
import type { VotingAction } from "./actions.js";
import { votingCodec } from "./codec.js";
import { type AcceptorSet, type VotingConfig, acceptorName, checkVotingConfig, hasAcceptor, valueName } from "./config.js";
import { votingInvariants } from "./invariants.js";
import { type VotingState, initialState, voteBit, votedFor } from "./state.js";
import { votingTransitions } from "./transitions.js";

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
  const names = (count: number, name: (i: number) => string) => namesOf(count, name).join(", ");
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
    ...transitionsOf(votingTransitions(config)),
    invariants,
    actionProperties: [],
    constraint: undefined,
    codec: votingCodec(config),
    symmetry: undefined,
    toTla: (s) => votingToTla(config, s),
    fromTla: (v) => votingFromTla(config, v),
    actionLabel: (a) => votingActionLabel(config, a),
    modelValues: modelValueSetsOf({ Acceptor: namesOf(config.acceptorCount, acceptorName), Value: namesOf(config.valueCount, valueName) }),
    tlcModel: () => ({ module: "Voting", cfg: votingTlcConfig(config, invariants.map((i) => i.name)) }),
  };
}
