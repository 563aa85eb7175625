/**
 * Random simulation, like TLC's `-simulate`: many random behaviours of
 * bounded length from a seed, each state checked against the invariants and
 * each step against the action properties, a state without successors
 * reported as a deadlock. Every step picks one of the enumerated successors
 * uniformly, so the same seed gives the same behaviours, and a violation's
 * behaviour is replayed from the successor ordinals chosen.
 *
 * Counting: "states generated" is every state computed (the initial state of
 * each behaviour and every successor enumerated on the way); "distinct
 * states" is the number of different states the behaviours went through;
 * depth is the length, in states, of the longest behaviour. A behaviour ends
 * at its length bound, at a deadlock, or at a state outside the model's
 * constraint (checked, not explored, as elsewhere).
 *
 * @module
 */
import type { ExternalStopReason, StopSignal } from "./stop.js";
import type { Model, TwinAction } from "../src/protocol.js";
import type { Progress } from "./bfs.js";
import { Fingerprinter } from "./fingerprint.js";
import { FingerprintSet } from "./fingerprint-set.js";
import { Random } from "./random.js";
import { replayPath } from "./replay.js";
import type { CheckResult, Violation } from "./result.js";
import { checkedActionProperties, refinementCheck } from "./refinement.js";
import { WitnessTracker } from "./witnesses.js";

/** Options of a simulation. */
export interface SimulateOptions {
  readonly checkDeadlock: boolean;
  /** How many behaviours. */
  readonly traces: number;
  /** The most states in a behaviour, initial state included (TLC's `-depth`). */
  readonly maxDepth: number;
  /** Seed of the random choices. */
  readonly seed: number;
  /** Check the model's refinement claim along the walks (see SearchOptions.refinement). */
  readonly refinement?: boolean;
  readonly onProgress?: (progress: Progress) => void;
  /** Read after every behaviour: once a stop is requested the simulation ends with what it has. */
  readonly stop?: StopSignal;
  readonly progressIntervalMs?: number;
}

/** What a simulation reports besides the counts. */
export interface SimulationResult<S, A extends TwinAction> extends CheckResult<S, A> {
  /** Behaviours simulated (up to and including one that shows a violation). */
  readonly traces: number;
  readonly seed: number;
}

/** Runs a random simulation of `model`. */
export function simulate<S, A extends TwinAction>(model: Model<S, A>, options: SimulateOptions): SimulationResult<S, A> {
  const started = Date.now();
  if (!Number.isInteger(options.traces) || options.traces < 1) throw new RangeError(`traces must be a positive integer, got ${options.traces}`);
  if (!Number.isInteger(options.maxDepth) || options.maxDepth < 1) throw new RangeError(`depth must be a positive integer, got ${options.maxDepth}`);
  const random = new Random(options.seed);
  const { codec, invariants, constraint } = model;
  const refines = options.refinement === true ? model.refinement : undefined;
  const actionProperties = checkedActionProperties(model, refines !== undefined);
  const refinement = refines === undefined ? undefined : refinementCheck<S, A, unknown>(refines);
  // Along the walks only: a goal is witnessed when some simulated behaviour reaches it.
  const witnesses = new WitnessTracker(model);
  const fingerprinter = new Fingerprinter(codec.maxWords);
  const seen = new FingerprintSet();
  const scratch = new Int32Array(codec.maxWords);
  const initialStates = model.initialStates();
  const progressEvery = options.progressIntervalMs ?? 1000;
  let nextProgressAt = started + progressEvery;

  let generated = 0;
  let deepest = 0;
  let traces = 0;
  let violation: Violation<S, A> | null = null;

  const remember = (state: S): void => {
    const length = codec.encode(state, scratch, 0);
    fingerprinter.of(scratch, 0, length);
    seen.add(fingerprinter.lo, fingerprinter.hi);
  };
  const brokenInvariant = (state: S): string | undefined => invariants.find((i) => !i.holds(state))?.name;
  const actions: A[] = [];
  const successors: S[] = [];
  const collect = (action: A, next: S): void => {
    actions.push(action);
    successors.push(next);
  };

  let stoppedFromOutside: ExternalStopReason | null = null;
  while (traces < options.traces && violation === null && initialStates.length > 0 && stoppedFromOutside === null) {
    traces++;
    const path = [random.below(initialStates.length)];
    let state = initialStates[path[0]!]!;
    generated++;
    remember(state);
    if (witnesses.pending > 0) witnesses.onInitial(state, path[0]!);
    const broken = brokenInvariant(state);
    if (broken !== undefined) violation = { kind: "invariant", name: broken, trace: replayPath(model, path) };
    else if (refinement !== undefined && !refinement.initialHolds(state)) {
      violation = { kind: "action-property", name: refinement.name, trace: replayPath(model, path) };
    }
    let inModel = constraint === undefined || constraint.holds(state);
    while (violation === null && inModel && path.length < options.maxDepth) {
      actions.length = 0;
      successors.length = 0;
      model.forEachSuccessor(state, collect);
      generated += successors.length;
      if (successors.length === 0) {
        if (options.checkDeadlock) violation = { kind: "deadlock", trace: replayPath(model, path) };
        break;
      }
      const choice = random.below(successors.length);
      const next = successors[choice]!;
      path.push(choice);
      if (witnesses.pending > 0) witnesses.onTransition(-1, choice, path.length - 1, state, actions[choice]!, next);
      const property = actionProperties.find((p) => !p.holds(state, actions[choice]!, next));
      const brokenNext = property === undefined ? brokenInvariant(next) : undefined;
      if (property !== undefined) violation = { kind: "action-property", name: property.name, trace: replayPath(model, path) };
      else if (brokenNext !== undefined) violation = { kind: "invariant", name: brokenNext, trace: replayPath(model, path) };
      inModel = constraint === undefined || constraint.holds(next);
      if (inModel) remember(next);
      state = next;
    }
    deepest = Math.max(deepest, path.length);
    stoppedFromOutside = options.stop?.reason ?? null;
    if (options.onProgress !== undefined) {
      const now = Date.now();
      if (now >= nextProgressAt) {
        nextProgressAt = now + progressEvery;
        options.onProgress({ distinctStates: seen.size, statesGenerated: generated, queued: options.traces - traces, depth: deepest, elapsedMs: now - started });
      }
    }
  }

  return {
    distinctStates: seen.size,
    statesGenerated: generated,
    depth: deepest,
    durationMs: Date.now() - started,
    complete: false,
    // A simulation that ran every behaviour asked for ended as planned; it is never a proof.
    stoppedBy: violation === null ? stoppedFromOutside : null,
    violation,
    visitedSetBytes: seen.bytes,
    predecessorLogBytes: 0,
    peakFrontierBytes: 0,
    witnesses: witnesses.report(),
    search: { mode: "simulate", workers: 1, symmetry: false, depthBound: options.maxDepth, traces: options.traces, seed: options.seed },
    traces,
    seed: options.seed,
  };
}
