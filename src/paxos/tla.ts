/**
 * Conversions between twin states and the TLA+ values of the spec's
 * variables, as TLC prints them: `maxBal = (a1 :> -1 @@ a2 :> 0)`,
 * `maxVal = (a1 :> None @@ a2 :> v1)` with `None` a model value, and `msgs`
 * a set of records such as `[type |-> "1b", acc |-> a1, bal |-> 0, mbal |-> -1, mval |-> None]`.
 *
 * @module
 */
import {
  type TlaValue,
  TlaShapeError,
  applyFunction,
  asFunction,
  asInt,
  asModelValue,
  asSet,
  asString,
  field,
  formatTla,
  tlaFunction,
  tlaInt,
  tlaModelValue,
  tlaRecord,
  tlaSet,
  tlaString,
} from "../tla/value.js";
import type { PaxosConfig } from "./config.js";
import {
  type Acceptor,
  type AcceptorSet,
  type Ballot,
  type Message,
  type PaxosState,
  type Value,
  type ValueOrNone,
  None,
  acceptorName,
  members,
  messageSet,
  noBallot,
  valueName,
} from "./state.js";

/** The spec's variables, in the order it declares them. */
export const paxosVariables = ["maxBal", "maxVBal", "maxVal", "msgs"] as const;

/** The name of the model value that stands for `None` in the configs. */
export const noneName = "None";

/** An acceptor as the model value `a1`, `a2`, ... */
export function acceptorToTla(a: Acceptor): TlaValue {
  return tlaModelValue(acceptorName(a));
}

/** A value as the model value `v1`, `v2`, ..., or `None`. */
export function valueToTla(v: ValueOrNone): TlaValue {
  return tlaModelValue(v === None ? noneName : valueName(v));
}

/** A ballot, or `-1`, as an integer. */
export function ballotToTla(b: Ballot): TlaValue {
  return tlaInt(b);
}

/** A set of acceptors, such as a quorum, as a set of model values. */
export function acceptorSetToTla(set: AcceptorSet): TlaValue {
  return tlaSet(members(set).map(acceptorToTla));
}

/** A message as the spec's record. */
export function messageToTla(m: Message): TlaValue {
  switch (m.type) {
    case "1a":
      return tlaRecord({ type: tlaString("1a"), bal: tlaInt(m.bal) });
    case "1b":
      return tlaRecord({
        type: tlaString("1b"),
        acc: acceptorToTla(m.acc),
        bal: tlaInt(m.bal),
        mbal: ballotToTla(m.mbal),
        mval: valueToTla(m.mval),
      });
    case "2a":
      return tlaRecord({ type: tlaString("2a"), bal: tlaInt(m.bal), val: valueToTla(m.val) });
    case "2b":
      return tlaRecord({ type: tlaString("2b"), acc: acceptorToTla(m.acc), bal: tlaInt(m.bal), val: valueToTla(m.val) });
  }
}

/** The state as `[maxBal |-> ..., maxVBal |-> ..., maxVal |-> ..., msgs |-> ...]`. */
export function paxosToTla(s: PaxosState): TlaValue {
  const perAcceptor = (f: readonly number[], toTla: (x: number) => TlaValue) =>
    tlaFunction(f.map((x, a) => [acceptorToTla(a), toTla(x)] as const));
  return tlaRecord({
    maxBal: perAcceptor(s.maxBal, ballotToTla),
    maxVBal: perAcceptor(s.maxVBal, ballotToTla),
    maxVal: perAcceptor(s.maxVal, valueToTla),
    msgs: tlaSet(s.msgs.map(messageToTla)),
  });
}

// ---------------------------------------------------------------------------
// From TLA+ values, checking every part against the config.

function numbered(prefix: string, count: number, what: string, v: TlaValue): number {
  const name = asModelValue(v);
  const match = new RegExp(`^${prefix}([1-9][0-9]*)$`).exec(name);
  const n = match ? Number(match[1]) - 1 : -1;
  if (n < 0 || n >= count) throw new TlaShapeError(`${name} is not one of the ${what} ${prefix}1..${prefix}${count}`);
  return n;
}

/** The acceptor named by a model value `a1`..`aN`. */
export function acceptorFromTla(config: PaxosConfig, v: TlaValue): Acceptor {
  return numbered("a", config.acceptorCount, "acceptors", v);
}

/** The value named by a model value `v1`..`vN` (not `None`). */
export function valueFromTla(config: PaxosConfig, v: TlaValue): Value {
  return numbered("v", config.valueCount, "values", v);
}

function valueOrNoneFromTla(config: PaxosConfig, v: TlaValue): ValueOrNone {
  return v.kind === "modelValue" && v.name === noneName ? None : valueFromTla(config, v);
}

/** A ballot `0..MaxBallot`. */
export function ballotFromTla(config: PaxosConfig, v: TlaValue): Ballot {
  const b = asInt(v);
  if (b < 0 || b > config.maxBallot) throw new TlaShapeError(`${b} is not a ballot 0..${config.maxBallot}`);
  return b;
}

function ballotOrNoneFromTla(config: PaxosConfig, v: TlaValue): Ballot {
  return asInt(v) === noBallot ? noBallot : ballotFromTla(config, v);
}

/** Checks that a record has exactly these fields (TLA+ records with other fields are other messages). */
function expectFields(record: TlaValue, names: readonly string[]): void {
  const keys = asFunction(record).map(([k]) => asString(k));
  if (keys.length !== names.length || !names.every((n) => keys.includes(n))) {
    throw new TlaShapeError(`expected a record with fields ${names.join(", ")}, got ${formatTla(record)}`);
  }
}

/** The message a record of the spec's `Message` set stands for. */
export function messageFromTla(config: PaxosConfig, v: TlaValue): Message {
  const type = asString(field(v, "type"));
  switch (type) {
    case "1a":
      expectFields(v, ["type", "bal"]);
      return { type, bal: ballotFromTla(config, field(v, "bal")) };
    case "1b":
      expectFields(v, ["type", "acc", "bal", "mbal", "mval"]);
      return {
        type,
        acc: acceptorFromTla(config, field(v, "acc")),
        bal: ballotFromTla(config, field(v, "bal")),
        mbal: ballotOrNoneFromTla(config, field(v, "mbal")),
        mval: valueOrNoneFromTla(config, field(v, "mval")),
      };
    case "2a":
      expectFields(v, ["type", "bal", "val"]);
      return { type, bal: ballotFromTla(config, field(v, "bal")), val: valueFromTla(config, field(v, "val")) };
    case "2b":
      expectFields(v, ["type", "acc", "bal", "val"]);
      return {
        type,
        acc: acceptorFromTla(config, field(v, "acc")),
        bal: ballotFromTla(config, field(v, "bal")),
        val: valueFromTla(config, field(v, "val")),
      };
    default:
      throw new TlaShapeError(`unknown message ${formatTla(v)}`);
  }
}

/** A set of acceptors from a set of model values. */
export function acceptorSetFromTla(config: PaxosConfig, v: TlaValue): AcceptorSet {
  return asSet(v).reduce((set: AcceptorSet, e) => set | (1 << acceptorFromTla(config, e)), 0);
}

/** The inverse of {@link paxosToTla}. */
export function paxosFromTla(config: PaxosConfig, v: TlaValue): PaxosState {
  const perAcceptor = <T>(name: string, fromTla: (x: TlaValue) => T): T[] => {
    const f = field(v, name);
    if (asFunction(f).length !== config.acceptorCount) {
      throw new TlaShapeError(`${name} must be a function on the ${config.acceptorCount} acceptors, got ${formatTla(f)}`);
    }
    return Array.from({ length: config.acceptorCount }, (_, a) => fromTla(applyFunction(f, acceptorToTla(a))));
  };
  return {
    maxBal: perAcceptor("maxBal", (x) => ballotOrNoneFromTla(config, x)),
    maxVBal: perAcceptor("maxVBal", (x) => ballotOrNoneFromTla(config, x)),
    maxVal: perAcceptor("maxVal", (x) => valueOrNoneFromTla(config, x)),
    msgs: messageSet(asSet(field(v, "msgs")).map((m) => messageFromTla(config, m))),
  };
}
