/**
 * TCommit as a {@link Model}: the abstract spec that Two-Phase Commit
 * refines (src/twophase/refinement.ts). It is a model like any other, so
 * the checker can also explore it on its own.
 *
 * @module
 */
import { transitionsOf } from "../action-table.js";
import type { Model } from "../protocol.js";
import { modelValueSetsOf, namesOf } from "../protocol.js";
import {
  type TlaValue,
  TlaShapeError,
  applyFunction,
  asString,
  field,
  tlaFunction,
  tlaModelValue,
  tlaRecord,
  tlaString,
} from "../tla/value.js";
import type { TCommitAction, TCommitContext } from "./actions.js";
import { tcommitCodec } from "./codec.js";
import { tcommitInvariants } from "./invariants.js";
import { type RMState, type TCommitState, initialState, rmName, rmStates } from "./state.js";
import { tcommitTransitions } from "./transitions.js";

/** A validated TCommit config. */
export interface TCommitConfig {
  /** How many resource managers, 1..12. */
  readonly rmCount: number;
}

/** The state as the TLA+ record `[rmState |-> ...]`. */
export function tcommitToTla(s: TCommitState): TlaValue {
  return tlaRecord({ rmState: tlaFunction(s.rmState.map((r, rm) => [tlaModelValue(rmName(rm)), tlaString(r)] as const)) });
}

/** The inverse of {@link tcommitToTla}. */
export function tcommitFromTla(rmCount: number, v: TlaValue): TCommitState {
  const f = field(v, "rmState");
  const rmState = Array.from({ length: rmCount }, (_, rm): RMState => {
    const r = asString(applyFunction(f, tlaModelValue(rmName(rm))));
    if (!(rmStates as readonly string[]).includes(r)) throw new TlaShapeError(`"${r}" is not an RM state`);
    return r as RMState;
  });
  return { rmState };
}

/** The TLC config that checks TCommit alone with `rmCount` RMs (run TLC with `-deadlock`: every RM decided is a final state). */
export function tcommitTlcConfig(rmCount: number): string {
  const rms = Array.from({ length: rmCount }, (_, rm) => rmName(rm)).join(", ");
  return [
    `\\* TCommit with ${rmCount} resource managers (model values).`,
    `CONSTANT RM = {${rms}}`,
    "SPECIFICATION TCSpec",
    "INVARIANT TCTypeOK",
    "INVARIANT TCConsistent",
    "",
  ].join("\n");
}

/** The model of TCommit with `config`. */
export function tcommitModel(config: TCommitConfig): Model<TCommitState, TCommitAction> {
  const { rmCount } = config;
  const ctx: TCommitContext = { rmCount };
  return {
    protocol: "tcommit",
    configLabel: `rm=${rmCount}`,
    tlaModule: "TCommit",
    tlaVariables: ["rmState"],
    initialStates: () => [initialState(rmCount)],
    // The refinement check enumerates these successors for every 2PC
    // transition that changes rmState: the candidates are fixed, so the
    // table's functions are looked up once (see `fixedThen`).
    ...transitionsOf(tcommitTransitions(ctx)),
    invariants: tcommitInvariants(rmCount),
    actionProperties: [],
    constraint: undefined,
    codec: tcommitCodec(rmCount),
    // RMs are interchangeable: a state's orbit is the multiset of RM states.
    symmetry: { sets: ["RM"], representative: (s) => ({ rmState: s.rmState.slice().sort((x, y) => rmStates.indexOf(x) - rmStates.indexOf(y)) }) },
    toTla: tcommitToTla,
    fromTla: (v) => tcommitFromTla(rmCount, v),
    actionLabel: (a) => ({ name: a.type, params: [["r", tlaModelValue(rmName(a.rm))] as const], witnesses: [] }),
    modelValues: modelValueSetsOf({ RM: namesOf(rmCount, rmName) }),
    tlcModel: () => ({ module: "TCommit", cfg: tcommitTlcConfig(rmCount) }),
  };
}

