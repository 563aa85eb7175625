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
 * states, and counterexamples are rebuilt from the predecessor log. This is
 * the single-threaded search; `parallel/parallel-bfs.ts` runs the same
 * expansion ({@link Expander}) on worker threads.
 *
 * @module
 */
import type { Model, TwinAction } from "../src/protocol.js";
import { Expander, type StateStore } from "./expander.js";
import { rebuildViolation } from "./found.js";
import { FingerprintSet } from "./fingerprint-set.js";
import { Frontier, chunkHeaderWords, recordHeaderWords } from "./frontier.js";
import { PredecessorLog } from "./predecessor-log.js";
import type { CheckResult } from "./result.js";
import { type ExternalStopReason, type StopSignal, isAllocationFailure, stopReason } from "./stop.js";

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
  /**
   * Expand no state at this level (initial states are level 1): every
   * behaviour of up to `maxDepth - 1` steps is checked, none longer.
   * Unbounded when left out.
   */
  readonly maxDepth?: number;
  /** Fingerprint each state's symmetry representative, exploring one state per orbit (the model must have a symmetry). */
  readonly symmetry?: boolean;
  /**
   * Check the model's refinement claim on every transition (see
   * model-check/refinement.ts). Off by default, as TLC checks a refinement
   * only when a config names it as a property; it costs an enumeration of
   * the abstract model's steps per transition.
   */
  readonly refinement?: boolean;
  /** Read between chunks of work: once a stop is requested the search ends with a partial result. */
  readonly stop?: StopSignal;
  /** Called about every `progressIntervalMs` while the search runs. */
  readonly onProgress?: (progress: Progress) => void;
  readonly progressIntervalMs?: number;
}

/** Stores new states in the predecessor log and the frontier being written. */
class LoggingStore implements StateStore {
  next = new Frontier();
  constructor(readonly log: PredecessorLog) {}
  store(parent: number, ordinal: number, words: Int32Array, offset: number, length: number, lo: number, hi: number): void {
    this.next.push(this.log.add(parent, ordinal), words, offset, length, lo, hi);
  }
}

/** Runs a breadth-first search of `model` in this thread. */
export function bfs<S, A extends TwinAction>(model: Model<S, A>, options: SearchOptions): CheckResult<S, A> {
  const started = Date.now();
  const visited = new FingerprintSet();
  const store = new LoggingStore(new PredecessorLog());
  const expander = new Expander(model, visited, store, {
    checkDeadlock: options.checkDeadlock,
    symmetry: options.symmetry === true,
    refinement: options.refinement === true,
    maxNewStates: options.maxStates ?? Infinity,
  });
  const progressEvery = options.progressIntervalMs ?? 1000;
  let nextProgressAt = started + progressEvery;
  let peakFrontierBytes = 0;

  model.initialStates().forEach((state, index) => expander.admitInitial(state, index));

  const maxDepth = options.maxDepth ?? Infinity;
  let depth = 0;
  let stoppedFromOutside: ExternalStopReason | null = null;
  // Memory that runs out ends the search like a stop request: with a partial result, not a stack trace.
  try {
    while (store.next.length > 0 && !expander.stopped && stoppedFromOutside === null && depth + 1 < maxDepth) {
      depth++;
      expander.stepsToSuccessors = depth;
      const current = store.next;
      store.next = new Frontier();
      let remaining = current.length;
      const chunks = current.chunks;
      for (let c = 0; c < chunks.length && !expander.stopped && stoppedFromOutside === null; c++) {
        const chunk = chunks[c]!;
        const end = chunk[0]!;
        for (let at = chunkHeaderWords; at < end && !expander.stopped; ) {
          const length = chunk[at + 1]!;
          expander.expand(chunk[at]!, chunk, at + recordHeaderWords, length, chunk[at + 2]!, chunk[at + 3]!);
          at += recordHeaderWords + length;
          remaining--;
        }
        // Expanded chunks are dropped at once: the frontier only ever holds what is still to do.
        peakFrontierBytes = Math.max(peakFrontierBytes, (chunks.length - c) * chunk.byteLength + store.next.bytes);
        chunks[c] = emptyChunk;
        stoppedFromOutside = options.stop?.reason ?? null;
        if (options.onProgress !== undefined) {
          const now = Date.now();
          if (now >= nextProgressAt) {
            nextProgressAt = now + progressEvery;
            options.onProgress({
              distinctStates: visited.size,
              statesGenerated: expander.generated,
              queued: remaining + store.next.length,
              depth,
              elapsedMs: now - started,
            });
          }
        }
      }
    }
  } catch (e) {
    if (!isAllocationFailure(e)) throw e;
    stoppedFromOutside = "memory";
  }
  // A level whose states were found but not expanded (stopped, or at the depth bound) still counts.
  const unexplored = store.next.length > 0;
  if (unexplored) depth++;
  const complete = !expander.stopped && stoppedFromOutside === null && !unexplored;

  return {
    distinctStates: visited.size,
    statesGenerated: expander.generated,
    depth,
    durationMs: Date.now() - started,
    complete,
    stoppedBy: stopReason(complete, expander.found !== undefined, stoppedFromOutside, expander.full),
    violation: expander.found === undefined ? null : rebuildViolation(model, store.log, expander.found),
    visitedSetBytes: visited.bytes,
    predecessorLogBytes: store.log.bytes,
    peakFrontierBytes,
    witnesses: expander.witnesses.report(),
    search: { mode: "bfs", workers: 1, symmetry: options.symmetry === true, depthBound: options.maxDepth ?? null, traces: null, seed: null },
  };
}

const emptyChunk = new Int32Array(0);
