/**
 * Breadth-first search over every interleaving of a model, level by level,
 * with TLC's counting rules so that the numbers compare one to one:
 *
 * - every initial state and every successor computed counts as generated;
 * - a state that violates the model's constraint is checked against the
 *   invariants but neither stored nor explored (TLC's `CONSTRAINT`);
 * - a state is a deadlock when no action is enabled in it, whatever the
 *   constraint says of its successors;
 * - depth is the number of BFS levels, the initial states being level 1.
 *
 * Only fingerprints are kept for visited states; the frontier holds encoded
 * states, and counterexamples are rebuilt from the predecessor log.
 *
 * @module
 */
import type { Model, TwinAction } from "../src/protocol.js";
import { fingerprint, fingerprintOut } from "./fingerprint.js";
import { FingerprintSet } from "./fingerprint-set.js";
import { PredecessorLog, noParent } from "./predecessor-log.js";
import { replayPath } from "./replay.js";
import type { CheckResult, Trace, TraceStep, Violation } from "./result.js";
import { StateBuffer } from "./state-buffer.js";

/** Counters reported while a search runs. */
export interface Progress {
  readonly distinctStates: number;
  readonly statesGenerated: number;
  /** States found but not yet explored. */
  readonly queued: number;
  readonly depth: number;
  readonly elapsedMs: number;
}

/** Options of a search. */
export interface SearchOptions {
  /** Report states without enabled actions (TLC's default; `-deadlock` turns it off). */
  readonly checkDeadlock: boolean;
  /** Stop (incomplete, without error) once this many distinct states are found. */
  readonly maxStates?: number;
  /** Called about every `progressIntervalMs` while the search runs. */
  readonly onProgress?: (progress: Progress) => void;
  readonly progressIntervalMs?: number;
}

/**
 * Where a violation was found, before its behaviour is rebuilt: the id of the
 * last stored state on the way (or noParent) and the step taken from it.
 */
type Found<S, A extends TwinAction> =
  | { readonly kind: "invariant" | "action-property"; readonly name: string; readonly parent: number; readonly last: TraceStep<S, A> }
  | { readonly kind: "invariant"; readonly name: string; readonly parent: typeof noParent; readonly initial: S }
  | { readonly kind: "deadlock"; readonly parent: number };

/** Runs a breadth-first search of `model`. */
export function bfs<S, A extends TwinAction>(model: Model<S, A>, options: SearchOptions): CheckResult<S, A> {
  const started = Date.now();
  const { codec, invariants, actionProperties, constraint } = model;
  const visited = new FingerprintSet();
  const log = new PredecessorLog();
  const scratch = new Int32Array(codec.maxWords);
  const maxStates = options.maxStates ?? Infinity;
  const progressEvery = options.progressIntervalMs ?? 1000;
  let nextProgressAt = started + progressEvery;

  let generated = 0;
  let depth = 0;
  let found: Found<S, A> | undefined;
  let stoppedEarly = false;
  let current = new StateBuffer();
  let next = new StateBuffer();

  const brokenInvariant = (state: S): string | undefined => {
    for (const invariant of invariants) if (!invariant.holds(state)) return invariant.name;
    return undefined;
  };

  // Records a state reached from `parent` (noParent for initial states) as
  // the `ordinal`-th successor; returns false when the search must stop.
  const admit = (state: S, parent: number, ordinal: number, action: A | undefined): boolean => {
    const inModel = constraint === undefined || constraint.holds(state);
    let isNew = true;
    let id = -1;
    if (inModel) {
      const length = codec.encode(state, scratch, 0);
      fingerprint(scratch, 0, length);
      isNew = visited.add(fingerprintOut[0]!, fingerprintOut[1]!);
      if (isNew) {
        id = log.add(parent, ordinal);
        next.push(id, scratch, 0, length);
      }
    }
    if (isNew) {
      const name = brokenInvariant(state);
      if (name !== undefined) {
        found =
          action === undefined
            ? { kind: "invariant", name, parent: noParent, initial: state }
            : { kind: "invariant", name, parent, last: { action, state } };
        return false;
      }
    }
    if (visited.size >= maxStates) {
      stoppedEarly = true;
      return false;
    }
    return true;
  };

  model.initialStates().forEach((state, index) => {
    if (found !== undefined || stoppedEarly) return;
    generated++;
    admit(state, noParent, index, undefined);
  });

  // The state being expanded, shared with the visitor below so that the
  // visitor is one closure for the whole search rather than one per state.
  let parentId = 0;
  let parentState: S | undefined;
  let ordinal = 0;
  const visit = (action: A, successor: S): void => {
    if (found !== undefined || stoppedEarly) return;
    const position = ordinal++;
    generated++;
    for (const property of actionProperties) {
      if (!property.holds(parentState!, action, successor)) {
        found = { kind: "action-property", name: property.name, parent: parentId, last: { action, state: successor } };
        return;
      }
    }
    admit(successor, parentId, position, action);
  };

  while (next.length > 0 && found === undefined && !stoppedEarly) {
    depth++;
    [current, next] = [next, new StateBuffer()];
    let remaining = current.length;
    current.forEach((id, words, offset, length) => {
      if (found !== undefined || stoppedEarly) return;
      parentId = id;
      parentState = codec.decode(words, offset, length);
      ordinal = 0;
      model.forEachSuccessor(parentState, visit);
      remaining--;
      if (ordinal === 0 && options.checkDeadlock && found === undefined) {
        found = { kind: "deadlock", parent: id };
      }
      if (options.onProgress !== undefined && (generated & 0xfff) < 64) {
        const now = Date.now();
        if (now >= nextProgressAt) {
          nextProgressAt = now + progressEvery;
          options.onProgress({
            distinctStates: visited.size,
            statesGenerated: generated,
            queued: remaining + next.length,
            depth,
            elapsedMs: now - started,
          });
        }
      }
    });
  }
  // A level whose states were all found but not yet expanded still counts.
  if ((found !== undefined || stoppedEarly) && next.length > 0) depth++;

  return {
    distinctStates: visited.size,
    statesGenerated: generated,
    depth,
    durationMs: Date.now() - started,
    complete: found === undefined && !stoppedEarly,
    violation: found === undefined ? null : rebuild(model, log, found),
    visitedSetBytes: visited.bytes,
  };
}

/** Turns where a violation was found into its behaviour, by replaying the logged path. */
function rebuild<S, A extends TwinAction>(model: Model<S, A>, log: PredecessorLog, found: Found<S, A>): Violation<S, A> {
  if (found.kind === "deadlock") {
    return { kind: "deadlock", trace: replayPath(model, log.pathTo(found.parent)) };
  }
  if ("initial" in found) {
    return { kind: found.kind, name: found.name, trace: { initial: found.initial, steps: [] } };
  }
  const prefix = replayPath(model, log.pathTo(found.parent));
  const trace: Trace<S, A> = { initial: prefix.initial, steps: [...prefix.steps, found.last] };
  return { kind: found.kind, name: found.name, trace };
}
