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
import { type CheckpointSettings, CheckpointSchedule, identityOf, openResume, resumedFrom } from "./checkpoint/checkpointing.js";
import type { CheckpointWritten, LoadedCheckpoint } from "./checkpoint/snapshot.js";
import { Expander, type StateStore } from "./expander.js";
import { rebuildViolation } from "./found.js";
import { FingerprintSet } from "./fingerprint-set.js";
import { Frontier, chunkHeaderWords, chunkRecords, defaultChunkWords, recordHeaderWords } from "./frontier.js";
import type { ModelSource } from "./model-source.js";
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
  /**
   * Words per frontier chunk: the unit of work between two looks at `stop`
   * and at progress, and the unit that worker threads claim (default 2^18
   * words in this thread, 2^16 in a parallel search).
   */
  readonly chunkWords?: number;
  /** Read between chunks of work: once a stop is requested the search ends with a partial result. */
  readonly stop?: StopSignal;
  /** Called about every `progressIntervalMs` while the search runs. */
  readonly onProgress?: (progress: Progress) => void;
  readonly progressIntervalMs?: number;
  /**
   * How the model was named (protocol, options, variant). Needed with
   * `checkpoint` or `resume`: a snapshot records it, and resumes only the
   * same search (see model-check/checkpoint/identity.ts).
   */
  readonly source?: ModelSource;
  /** Write snapshots of the search to a directory, at level ends and when stopped from outside (docs/checkpoints.md). */
  readonly checkpoint?: CheckpointSettings;
  /** Called after each snapshot is written. */
  readonly onCheckpoint?: (written: CheckpointWritten) => void;
  /** Continue the search whose snapshot is in this directory instead of starting from the initial states. */
  readonly resume?: string;
}

/** Stores new states in the predecessor log and the frontier being written. */
class LoggingStore implements StateStore {
  next: Frontier;
  constructor(
    readonly log: PredecessorLog,
    chunkWords: number,
  ) {
    this.next = new Frontier(chunkWords);
  }
  store(parent: number, ordinal: number, words: Int32Array, offset: number, length: number, lo: number, hi: number): void {
    this.next.push(this.log.add(parent, ordinal), words, offset, length, lo, hi);
  }
}

/** Runs a breadth-first search of `model` in this thread. */
export function bfs<S, A extends TwinAction>(model: Model<S, A>, options: SearchOptions): CheckResult<S, A> {
  const resumed = options.resume === undefined ? undefined : openResume(options.resume, model, options, false);
  // From here on, a resumed search runs the very loop below with the snapshot's data in place.
  const started = Date.now() - (resumed?.header.progress.elapsedMs ?? 0);
  const visited = resumed === undefined ? new FingerprintSet() : FingerprintSet.restore(resumed.visitedSlots, resumed.header.visited.count);
  const chunkWords = options.chunkWords ?? defaultChunkWords;
  const log = resumed === undefined ? new PredecessorLog() : PredecessorLog.restore(resumed.logChunks, resumed.header.log.ids);
  const store = new LoggingStore(log, chunkWords);
  const expander = new Expander(model, visited, store, {
    checkDeadlock: options.checkDeadlock,
    symmetry: options.symmetry === true,
    refinement: options.refinement === true,
    maxNewStates: options.maxStates ?? Infinity,
  });
  const checkpoints =
    options.checkpoint === undefined
      ? undefined
      : new CheckpointSchedule(options.checkpoint, identityOf(model, options), options.maxDepth, options.onCheckpoint, Date.now());
  const progressEvery = options.progressIntervalMs ?? 1000;
  let nextProgressAt = Date.now() + progressEvery;
  let peakFrontierBytes = resumed?.header.progress.peakFrontierBytes ?? 0;

  const maxDepth = options.maxDepth ?? Infinity;
  let depth = 0;
  let stoppedFromOutside: ExternalStopReason | null = null;

  /**
   * Expands the chunks of level `depth` in order, stopping between two
   * chunks when asked from outside; returns how many it expanded.
   */
  const expandLevel = (chunks: Int32Array[], remaining: number): number => {
    let c = 0;
    for (; c < chunks.length && !expander.stopped && stoppedFromOutside === null; c++) {
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
    return c;
  };

  /**
   * After a level's chunks: a snapshot when one is due at a level end, or
   * when the search was stopped from outside (then `rest` holds the
   * chunks of the level not expanded). A search stopped by a violation or
   * by `maxStates` may have stopped inside a state's successors: it writes
   * nothing, and the last snapshot stands.
   */
  const afterChunks = (rest: Int32Array[]): void => {
    if (checkpoints === undefined || expander.stopped) return;
    if (rest.length === 0 && store.next.length === 0) return; // complete: nothing left to resume
    if (stoppedFromOutside === null && !checkpoints.due()) return;
    checkpoints.write({
      depth,
      rest,
      next: store.next.chunks,
      visited: { slots: visited.table, count: visited.size },
      log: { ids: store.log.size, chunks: store.log.chunkBuffers },
      distinctStates: visited.size,
      statesGenerated: expander.generated,
      elapsedMs: Date.now() - started,
      peakFrontierBytes,
      witnesses: expander.witnesses.foundList(),
      workers: 1,
    });
  };

  if (resumed === undefined) {
    model.initialStates().forEach((state, index) => expander.admitInitial(state, index));
  } else {
    // Take up where the snapshot was taken: finish its level, then go on as usual.
    restoreCounters(expander, resumed);
    depth = resumed.header.progress.depth;
    store.next = Frontier.fromChunks(resumed.next, chunkWords);
    expander.stepsToSuccessors = depth;
    const rest = resumed.rest;
    if (rest.length > 0) {
      const done = expandLevel(rest, rest.reduce((sum, chunk) => sum + chunkRecords(chunk), 0));
      afterChunks(rest.slice(done));
    }
  }

  // Memory that runs out ends the search like a stop request: with a partial result, not a stack trace
  // (and no snapshot: the allocation may have failed inside a state's successors; the last one stands).
  try {
    while (store.next.length > 0 && !expander.stopped && stoppedFromOutside === null && depth + 1 < maxDepth) {
      depth++;
      expander.stepsToSuccessors = depth;
      const current = store.next;
      store.next = new Frontier(chunkWords);
      const done = expandLevel(current.chunks, current.length);
      afterChunks(current.chunks.slice(done));
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
    ...(resumed === undefined ? {} : { resumedFrom: resumedFrom(resumed) }),
  };
}

/** Gives a fresh expander the counters and witnesses of a snapshot. */
function restoreCounters<S, A extends TwinAction>(expander: Expander<S, A>, resumed: LoadedCheckpoint): void {
  expander.generated = resumed.header.progress.statesGenerated;
  // The `maxStates` bound counts every state stored, before the snapshot too.
  expander.newStates = resumed.header.progress.distinctStates;
  for (const witness of resumed.header.witnesses) expander.witnesses.merge(witness);
}

const emptyChunk = new Int32Array(0);
