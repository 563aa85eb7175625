/**
 * Where a search found a violation, in a form that is plain data (so a
 * worker thread can report it) and is turned into a behaviour by replaying
 * the stored path: the stored state the violation was reached from and the
 * position of the offending step among its successors.
 *
 * @module
 */
import type { Model, TwinAction } from "../src/protocol.js";
import { type PredecessorLookup, noParent, pathTo } from "./predecessor-log.js";
import { nthSuccessor, replayPath } from "./replay.js";
import type { Violation } from "./result.js";

/**
 * A violation as a search records it. For an invariant broken by an initial
 * state, `parent` is {@link noParent} and `ordinal` the index of that initial
 * state; for a deadlock, `state` is the id of the stored state without
 * successors.
 */
export type Found =
  | { readonly kind: "invariant" | "action-property"; readonly name: string; readonly parent: number; readonly ordinal: number }
  | { readonly kind: "deadlock"; readonly state: number };

/** How many steps the behaviour of a found violation has, given the depth (BFS level, initial = 1) of the state it was found from. */
export function foundTraceLength(found: Found, level: number): number {
  if (found.kind === "deadlock") return level - 1;
  return found.parent === noParent ? 0 : level;
}

/** The behaviour of a found violation, rebuilt by re-executing its stored path. */
export function rebuildViolation<S, A extends TwinAction>(
  model: Model<S, A>,
  log: PredecessorLookup,
  found: Found,
): Violation<S, A> {
  if (found.kind === "deadlock") return { kind: "deadlock", trace: replayPath(model, pathTo(log, found.state)) };
  if (found.parent === noParent) return { kind: found.kind, name: found.name, trace: replayPath(model, [found.ordinal]) };
  const prefix = replayPath(model, pathTo(log, found.parent));
  const last = prefix.steps.length === 0 ? prefix.initial : prefix.steps[prefix.steps.length - 1]!.state;
  const step = nthSuccessor(model, last, found.ordinal);
  return { kind: found.kind, name: found.name, trace: { initial: prefix.initial, steps: [...prefix.steps, step] } };
}
