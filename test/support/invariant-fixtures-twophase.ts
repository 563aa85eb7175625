/**
 * Two-Phase Commit's invariant fixtures (see ./invariant-fixtures.ts), for
 * 3 RMs, r1..r3 (indices 0..2). States are built with the twin's own
 * actions where a behaviour reaches them, under the bug-zoo variant
 * `commit-before-all-prepared` where only a broken TM reaches them, and by
 * hand where no behaviour does (TypeOK's breaks). Line numbers cite
 * spec/TwoPhase.tla.
 */
import { type Model, resolveOptions } from "../../src/protocol.js";
import {
  type RMState,
  type TMState,
  type TwoPhaseAction,
  type TwoPhaseState,
  allRMs,
  initialState,
  twoPhase,
} from "../../src/twophase/index.js";
import type { InvariantFixtures } from "./invariant-fixtures.js";

/** How many RMs the fixtures' config has. */
export const twoPhaseFixtureRMs = 3;

const [r1, r2, r3] = [0, 1, 2] as const;
const options = resolveOptions(twoPhase, { rm: twoPhaseFixtureRMs });

const tmCommit: TwoPhaseAction = { type: "TMCommit" };
const tmAbort: TwoPhaseAction = { type: "TMAbort" };
const rmPrepare = (rm: number): TwoPhaseAction => ({ type: "RMPrepare", rm });
const rmRcvAbortMsg = (rm: number): TwoPhaseAction => ({ type: "RMRcvAbortMsg", rm });
const rmRcvCommitMsg = (rm: number): TwoPhaseAction => ({ type: "RMRcvCommitMsg", rm });
const rmChooseToAbort = (rm: number): TwoPhaseAction => ({ type: "RMChooseToAbort", rm });

/** Runs `actions` from `s` with `model`, failing loudly when one is not enabled. */
function after(model: Model<TwoPhaseState, TwoPhaseAction>, s: TwoPhaseState, ...actions: TwoPhaseAction[]): TwoPhaseState {
  return actions.reduce((state, action) => {
    const next = model.step(state, action);
    if (next === undefined) throw new Error(`2PC fixture: ${JSON.stringify(action)} is not enabled`);
    return next;
  }, s);
}

/** The fixtures of every 2PC invariant; 2PC has no action properties. */
export function twoPhaseInvariantFixtures(): InvariantFixtures<TwoPhaseState, TwoPhaseAction> {
  const model = twoPhase.model(options);
  /** The TM of this variant commits once any RM is prepared (TMCommit without `tmPrepared = RM`, line 49). */
  const commitEarly = twoPhase.model(options, "commit-before-all-prepared");
  const init = initialState(twoPhaseFixtureRMs);
  /** RM `rm` prepares and the TM notes it. */
  const prepare = (rm: number): TwoPhaseAction[] => [rmPrepare(rm), { type: "TMRcvPrepared", rm }];
  const allPrepared = after(model, init, ...prepare(r1), ...prepare(r2), ...prepare(r3));
  const committed = after(model, allPrepared, tmCommit);

  return {
    protocol: "twophase",
    model,
    invariants: {
      TypeOK: {
        spec: "spec/TwoPhase.tla:28",
        outsideType:
          "the twin's types cannot say how many RMs there are or that the bitmasks stay below 2^3, and a cast can smuggle in any string",
        breaks: [
          {
            what: "rmState has an entry for a fourth RM",
            why: "rmState \\in [RM -> ...] (line 28) is a function on exactly r1..r3",
            state: { ...init, rmState: ["working", "working", "working", "working"] },
          },
          {
            what: 'rmState[r2] is "done", not an RM state',
            why: 'line 28 allows only "working", "prepared", "committed" and "aborted"',
            state: { ...init, rmState: ["working", "done" as RMState, "working"] },
          },
          {
            what: 'tmState is "preparing"',
            why: 'line 29: tmState \\in {"init", "committed", "aborted"}',
            state: { ...init, tmState: "preparing" as TMState },
          },
          {
            what: "tmPrepared holds a fourth RM, one past the last (r3)",
            why: "line 30: tmPrepared \\subseteq RM; bit 3 is the first RM outside RM = {r1, r2, r3} (the bound RM = 0..rmCount-1)",
            state: { ...allPrepared, tmPrepared: allRMs(4) },
          },
          {
            what: "msgs holds a Prepared message from a fourth RM",
            why: "line 31: msgs \\subseteq Messages, whose Prepared messages (line 26) come from RMs in RM only",
            state: { ...allPrepared, msgs: { ...allPrepared.msgs, prepared: allRMs(4) } },
          },
        ],
        holds: [
          { what: "the initial state", why: "Init (line 33) gives each variable a value of its type", state: init },
          {
            what: "every RM, the last (r3) too, has prepared and the TM has heard from all",
            why: "tmPrepared = RM and every Prepared message is in Messages: the sets reach the last RM but not beyond it (lines 30-31)",
            state: allPrepared,
          },
          {
            what: "the TM and every RM have committed",
            why: 'tmState = "committed" and rmState[r] = "committed" are values of their types (lines 28-29)',
            state: after(model, committed, rmRcvCommitMsg(r1), rmRcvCommitMsg(r2), rmRcvCommitMsg(r3)),
          },
        ],
      },
      TCConsistent: {
        spec: "spec/TwoPhase.tla:101",
        breaks: [
          {
            what: "r1 committed while r2 aborted (the TM committed before r2 prepared)",
            why:
              'TCConsistent (lines 101-102) forbids rmState[r1] = "aborted" /\\ rmState[r2] = "committed" for any r1, r2. ' +
              "Reached only by a TM that commits without tmPrepared = RM (line 49): r2, still working, then aborts on its own (line 70)",
            state: after(commitEarly, init, ...prepare(r1), tmCommit, rmRcvCommitMsg(r1), rmChooseToAbort(r2)),
          },
          {
            what: "the last RM (r3) committed while the first (r1) aborted",
            why: "the same conflict with the RMs the other way round and at both ends of RM: TCConsistent quantifies over all pairs (line 101)",
            state: after(commitEarly, init, ...prepare(r3), tmCommit, rmRcvCommitMsg(r3), rmChooseToAbort(r1)),
          },
        ],
        holds: [
          { what: "the initial state: every RM working", why: "no RM has committed or aborted", state: init },
          {
            what: "r1 committed, r2 and r3 still prepared",
            why: "a commit with no abort anywhere (the TM committed after all prepared, line 49)",
            state: after(model, committed, rmRcvCommitMsg(r1)),
          },
          {
            what: "r1 aborted on its own, r2 prepared, r3 aborted by the TM's decision",
            why: "aborts only: the TM can no longer commit once it aborted (line 48 needs tmState = \"init\")",
            state: after(model, init, rmChooseToAbort(r1), rmPrepare(r2), tmAbort, rmRcvAbortMsg(r3)),
          },
        ],
      },
    },
    actionProperties: {},
  };
}
