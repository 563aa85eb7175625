/**
 * Depth-first search, optionally bounded in depth, with the same counting
 * and checks as {@link bfs} (invariants on every new state, action properties
 * on every step taken, deadlock).
 *
 * Each state is expanded in one go, as in BFS (its new successors are
 * stored on the stack); the search then descends into them one by one. The
 * stack holds encoded states; the path to the state being expanded is the
 * successor ordinals taken on the way, replayed to rebuild a counterexample,
 * which is therefore a real behaviour but, unlike BFS's, not a shortest one.
 *
 * Unbounded, the search explores every reachable state exactly once, so it
 * reports BFS's distinct states and states generated. Its depth is the
 * deepest level the search went to (initial states are level 1), which is
 * not BFS's depth. With `maxDepth` N, states at level N are stored and
 * checked but not expanded; a state reached again by a shorter path is
 * expanded again (see {@link DepthTable}), so exactly the states within N
 * levels of an initial state are found.
 *
 * @module
 */
import { type ExternalStopReason, type StopSignal, stopReason } from "./stop.js";
import type { Model, TwinAction } from "../src/protocol.js";
import type { Progress } from "./bfs.js";
import { DepthTable, maxRecordedDepth } from "./depth-table.js";
import { Expander, type StateStore, type VisitedSet } from "./expander.js";
import { rebuildViolation } from "./found.js";
import { FingerprintSet } from "./fingerprint-set.js";
import { type PredecessorLookup, noParent } from "./predecessor-log.js";
import type { CheckResult } from "./result.js";

/** Options of a depth-first search. */
export interface DfsOptions {
  readonly checkDeadlock: boolean;
  /** Check the model's refinement claim (see SearchOptions.refinement). */
  readonly refinement?: boolean;
  /** Expand no state at this level or deeper (initial states are level 1); unbounded when left out. */
  readonly maxDepth?: number;
  /** Stop (incomplete, without error) once this many distinct states are found. */
  readonly maxStates?: number;
  /** Read every 1,024 expansions: once a stop is requested the search ends with a partial result. */
  readonly stop?: StopSignal;
  /** Fingerprint each state's symmetry representative (the model must have a symmetry). */
  readonly symmetry?: boolean;
  readonly onProgress?: (progress: Progress) => void;
  readonly progressIntervalMs?: number;
}

/** Record layout on the stack: ordinal, length, fingerprint low and high words, then the encoding. */
const recordHeader = 4;

/** The visited set seen through the level of the successors being generated. */
class DfsVisited implements VisitedSet {
  /** The level of the successors being generated. */
  level = 1;
  constructor(
    private readonly plain: FingerprintSet | undefined,
    private readonly bounded: DepthTable | undefined,
  ) {}
  add(lo: number, hi: number): boolean {
    return this.plain !== undefined ? this.plain.add(lo, hi) : this.bounded!.reach(lo, hi, this.level);
  }
  touch(lo: number, hi: number): number {
    return this.plain !== undefined ? this.plain.touch(lo, hi) : this.bounded!.touch(lo, hi);
  }
  get size(): number {
    return this.plain !== undefined ? this.plain.size : this.bounded!.size;
  }
  get bytes(): number {
    return this.plain !== undefined ? this.plain.bytes : this.bounded!.bytes;
  }
}

/** The stack of states still to descend into: records appended by the expander, truncated as frames end. */
class DfsStack implements StateStore {
  words = new Int32Array(1 << 14);
  end = 0;
  peak = 0;
  store(_parent: number, ordinal: number, source: Int32Array, offset: number, length: number, lo: number, hi: number): void {
    const need = this.end + recordHeader + length;
    if (need > this.words.length) {
      const bigger = new Int32Array(Math.max(need, 2 * this.words.length));
      bigger.set(this.words.subarray(0, this.end));
      this.words = bigger;
    }
    const words = this.words;
    words[this.end] = ordinal;
    words[this.end + 1] = length;
    words[this.end + 2] = lo;
    words[this.end + 3] = hi;
    for (let i = 0; i < length; i++) words[this.end + recordHeader + i] = source[offset + i]!;
    this.end = need;
    if (need > this.peak) this.peak = need;
  }
}

/** The path to the state being expanded, as a predecessor log whose ids are stack levels (0 = the initial state). */
class StackPath implements PredecessorLookup {
  readonly ordinals: number[] = [];
  parentOf(id: number): number {
    return id === 0 ? noParent : id - 1;
  }
  ordinalOf(id: number): number {
    return this.ordinals[id]!;
  }
}

/** Runs a depth-first search of `model`. */
export function dfs<S, A extends TwinAction>(model: Model<S, A>, options: DfsOptions): CheckResult<S, A> {
  const started = Date.now();
  const maxDepth = options.maxDepth ?? Infinity;
  if (maxDepth !== Infinity && (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > maxRecordedDepth)) {
    throw new RangeError(`the depth bound must be an integer from 1 to ${maxRecordedDepth}, got ${maxDepth}`);
  }
  const maxStates = options.maxStates ?? Infinity;
  const visited =
    maxDepth === Infinity ? new DfsVisited(new FingerprintSet(), undefined) : new DfsVisited(undefined, new DepthTable());
  const stack = new DfsStack();
  const expander = new Expander(model, visited, stack, {
    checkDeadlock: options.checkDeadlock,
    symmetry: options.symmetry === true,
    refinement: options.refinement === true,
    // Without a bound every stored state is new; with one, re-reached states count too, so the size is checked below.
    maxNewStates: maxDepth === Infinity ? maxStates : Infinity,
  });
  const progressEvery = options.progressIntervalMs ?? 1000;
  let nextProgressAt = started + progressEvery;

  // Frames: for each level of the path, where its records to descend into are and the next one to take.
  const frameStart: number[] = [];
  const frameCursor: number[] = [];
  const frameEnd: number[] = [];
  const path = new StackPath();
  let deepest = 0;
  let full = false;

  visited.level = 1;
  model.initialStates().forEach((state, index) => expander.admitInitial(state, index));
  if (stack.end > 0) deepest = 1;
  frameStart.push(0);
  frameCursor.push(0);
  frameEnd.push(stack.end);

  let stoppedFromOutside: ExternalStopReason | null = null;
  let expansions = 0;
  while (frameStart.length > 0 && !expander.stopped && !full && stoppedFromOutside === null) {
    const top = frameStart.length - 1;
    const at = frameCursor[top]!;
    if (at >= frameEnd[top]!) {
      stack.end = frameStart[top]!;
      frameStart.pop();
      frameCursor.pop();
      frameEnd.pop();
      continue;
    }
    const words = stack.words;
    const length = words[at + 1]!;
    frameCursor[top] = at + recordHeader + length;
    // The state at `at` is at level top + 1; its successors are at level top + 2.
    path.ordinals[top] = words[at]!;
    path.ordinals.length = top + 1;
    if (top + 1 >= maxDepth) continue;
    visited.level = top + 2;
    expander.stepsToSuccessors = top + 1;
    const childrenStart = stack.end;
    expander.expand(top, words, at + recordHeader, length, words[at + 2]!, words[at + 3]!);
    if (stack.end > childrenStart && top + 2 > deepest) deepest = top + 2;
    frameStart.push(childrenStart);
    frameCursor.push(childrenStart);
    frameEnd.push(stack.end);
    if (visited.size >= maxStates) full = true;
    if ((++expansions & 0x3ff) === 0) stoppedFromOutside = options.stop?.reason ?? null;
    if (options.onProgress !== undefined && (expander.generated & 0x3ff) < 16) {
      const now = Date.now();
      if (now >= nextProgressAt) {
        nextProgressAt = now + progressEvery;
        options.onProgress({
          distinctStates: visited.size,
          statesGenerated: expander.generated,
          queued: frameStart.length,
          depth: deepest,
          elapsedMs: now - started,
        });
      }
    }
  }

  const stopped = expander.stopped || full || stoppedFromOutside !== null;
  const complete = !stopped && maxDepth === Infinity;
  return {
    distinctStates: visited.size,
    statesGenerated: expander.generated,
    depth: deepest,
    durationMs: Date.now() - started,
    complete,
    stoppedBy: stopReason(complete, expander.found !== undefined, stoppedFromOutside, full || expander.full),
    violation: expander.found === undefined ? null : rebuildViolation(model, path, expander.found),
    visitedSetBytes: visited.bytes,
    predecessorLogBytes: 0,
    peakFrontierBytes: 4 * stack.peak,
    witnesses: expander.witnesses.report(),
    search: {
      mode: "dfs",
      workers: 1,
      symmetry: options.symmetry === true,
      depthBound: maxDepth === Infinity ? null : maxDepth,
      traces: null,
      seed: null,
    },
  };
}
