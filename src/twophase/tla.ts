/**
 * Conversions between twin states and the TLA+ values of the spec's variables.
 *
 * @module
 */
import {
  type TlaValue,
  TlaShapeError,
  applyFunction,
  asModelValue,
  asSet,
  asString,
  field,
  formatTla,
  tlaFunction,
  tlaModelValue,
  tlaRecord,
  tlaSet,
  tlaString,
} from "../tla/value.js";
import { type RM, type RMSet, type RMState, type TMState, type TwoPhaseState, noRMs, rmName, withRM } from "./state.js";

/** The spec's variables, in the order it declares them. */
export const twoPhaseVariables = ["rmState", "tmState", "tmPrepared", "msgs"] as const;

const rmStates: readonly string[] = ["working", "prepared", "committed", "aborted"];
const tmStates: readonly string[] = ["init", "committed", "aborted"];

function rmValue(rm: RM): TlaValue {
  return tlaModelValue(rmName(rm));
}

function rmSetValue(rmCount: number, set: RMSet): TlaValue {
  const members: TlaValue[] = [];
  for (let rm = 0; rm < rmCount; rm++) if ((set >> rm) & 1) members.push(rmValue(rm));
  return tlaSet(members);
}

/** The state as `[rmState |-> ..., tmState |-> ..., tmPrepared |-> ..., msgs |-> ...]`. */
export function twoPhaseToTla(rmCount: number, s: TwoPhaseState): TlaValue {
  const msgs: TlaValue[] = [];
  for (let rm = 0; rm < rmCount; rm++) {
    if ((s.msgs.prepared >> rm) & 1) msgs.push(tlaRecord({ type: tlaString("Prepared"), rm: rmValue(rm) }));
  }
  if (s.msgs.commit) msgs.push(tlaRecord({ type: tlaString("Commit") }));
  if (s.msgs.abort) msgs.push(tlaRecord({ type: tlaString("Abort") }));
  return tlaRecord({
    rmState: tlaFunction(s.rmState.map((v, rm) => [rmValue(rm), tlaString(v)] as const)),
    tmState: tlaString(s.tmState),
    tmPrepared: rmSetValue(rmCount, s.tmPrepared),
    msgs: tlaSet(msgs),
  });
}

/** The RM named by a model value `r1`..`rN`. */
export function rmFromTla(rmCount: number, v: TlaValue): RM {
  const name = asModelValue(v);
  const match = /^r([1-9][0-9]*)$/.exec(name);
  const rm = match ? Number(match[1]) - 1 : -1;
  if (rm < 0 || rm >= rmCount) throw new TlaShapeError(`${name} is not one of the RMs r1..r${rmCount}`);
  return rm;
}

function rmSetFromTla(rmCount: number, v: TlaValue): RMSet {
  return asSet(v).reduce((set: RMSet, e) => withRM(set, rmFromTla(rmCount, e)), noRMs);
}

function oneOf<T extends string>(allowed: readonly string[], v: TlaValue): T {
  const s = asString(v);
  if (!allowed.includes(s)) throw new TlaShapeError(`"${s}" is not one of ${allowed.join(", ")}`);
  return s as T;
}

/** The inverse of {@link twoPhaseToTla}. */
export function twoPhaseFromTla(rmCount: number, v: TlaValue): TwoPhaseState {
  const rmStateValue = field(v, "rmState");
  const rmState: RMState[] = [];
  for (let rm = 0; rm < rmCount; rm++) rmState.push(oneOf<RMState>(rmStates, applyFunction(rmStateValue, rmValue(rm))));
  let prepared = noRMs;
  let commit = false;
  let abort = false;
  for (const m of asSet(field(v, "msgs"))) {
    const type = asString(field(m, "type"));
    if (type === "Prepared") prepared = withRM(prepared, rmFromTla(rmCount, field(m, "rm")));
    else if (type === "Commit") commit = true;
    else if (type === "Abort") abort = true;
    else throw new TlaShapeError(`unknown message ${formatTla(m)}`);
  }
  return {
    rmState,
    tmState: oneOf<TMState>(tmStates, field(v, "tmState")),
    tmPrepared: rmSetFromTla(rmCount, field(v, "tmPrepared")),
    msgs: { prepared, commit, abort },
  };
}
