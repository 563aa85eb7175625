/**
 * TCommit as a {@link Model}: the abstract spec that Two-Phase Commit
 * refines (src/twophase/refinement.ts). It is a model like any other, so
 * the checker can also explore it on its own.
 *
 * @module
 */
import { match } from "ts-pattern";
import type { Model } from "../protocol.js";
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
import { type TCommitAction, type TCommitContext, decide, prepare } from "./actions.js";
import { tcommitCodec } from "./codec.js";
import { tcommitInvariants } from "./invariants.js";
import { type RMState, type TCommitState, initialState, rmName, rmStates } from "./state.js";

/** A validated TCommit config. */
export interface TCommitConfig {
  /** How many resource managers, 1..12. */
  readonly rmCount: number;
}

/** `step`, dispatched exhaustively over the action union. */
export function tcommitStep(ctx: TCommitContext, s: TCommitState, a: TCommitAction): TCommitState | undefined {
  return match(a)
    .with({ type: "Prepare" }, ({ rm }) => prepare(ctx, s, rm))
    .with({ type: "Decide" }, ({ rm, to }) => decide(ctx, s, rm, to))
    .exhaustive();
}

/**
 * Every action of `TCNext`, in enumeration order: for each RM, `Prepare(r)`,
 * then `Decide(r)`'s commit disjunct, then its abort disjunct.
 */
export function tcommitActions(rmCount: number): readonly TCommitAction[] {
  const actions: TCommitAction[] = [];
  for (let rm = 0; rm < rmCount; rm++) {
    actions.push({ type: "Prepare", rm }, { type: "Decide", rm, to: "committed" }, { type: "Decide", rm, to: "aborted" });
  }
  return actions;
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
  const actions = tcommitActions(rmCount);
  return {
    protocol: "tcommit",
    configLabel: `rm=${rmCount}`,
    tlaModule: "TCommit",
    tlaVariables: ["rmState"],
    initialStates: () => [initialState(rmCount)],
    forEachSuccessor(s, visit) {
      // The action functions directly, in the order of `tcommitActions`, not
      // through `step`: ts-pattern's matcher costs more than a TCommit step,
      // and the refinement check enumerates these successors for every 2PC
      // transition that changes rmState.
      for (let rm = 0, at = 0; rm < rmCount; rm++, at += 3) {
        let next = prepare(ctx, s, rm);
        if (next !== undefined) visit(actions[at]!, next);
        next = decide(ctx, s, rm, "committed");
        if (next !== undefined) visit(actions[at + 1]!, next);
        next = decide(ctx, s, rm, "aborted");
        if (next !== undefined) visit(actions[at + 2]!, next);
      }
    },
    step: (s, a) => tcommitStep(ctx, s, a),
    invariants: tcommitInvariants(rmCount),
    actionProperties: [],
    constraint: undefined,
    codec: tcommitCodec(rmCount),
    // RMs are interchangeable: a state's orbit is the multiset of RM states.
    symmetry: { sets: ["RM"], representative: (s) => ({ rmState: s.rmState.slice().sort((x, y) => rmStates.indexOf(x) - rmStates.indexOf(y)) }) },
    toTla: tcommitToTla,
    fromTla: (v) => tcommitFromTla(rmCount, v),
    actionLabel: (a) => ({ name: a.type, params: [["r", tlaModelValue(rmName(a.rm))] as const], witnesses: [] }),
    tlcModel: () => ({ module: "TCommit", cfg: tcommitTlcConfig(rmCount) }),
  };
}

