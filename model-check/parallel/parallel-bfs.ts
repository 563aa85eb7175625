/**
 * Breadth-first search on several worker threads, level-synchronous so that
 * distinct states, states generated and depth are exactly those of the
 * single-threaded search whatever the number of workers, and a counterexample
 * is as short.
 *
 * The workers share the visited set (a {@link SharedFingerprintTable} with
 * compare-and-swap inserts) and the frontier (chunks in shared memory, claimed
 * one at a time); each writes the next level and its predecessor log to its
 * own chunks. This thread coordinates: it admits the initial states, starts
 * each level, grows the table when the workers pause for it (they rehash it
 * together), and rebuilds counterexamples from the workers' logs. It blocks
 * while waiting (`Atomics.wait`, messages read with `receiveMessageOnPort`),
 * so the search is a plain synchronous call like {@link bfs}.
 *
 * Which violation is reported may vary between runs when several are equally
 * short; the counts of a complete search never do.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from "node:worker_threads";
import type { TwinAction } from "../../src/protocol.js";
import type { SearchOptions } from "../bfs.js";
import { CheckpointSchedule, identityOf, openResume, resumedFrom } from "../checkpoint/checkpointing.js";
import type { LoadedCheckpoint } from "../checkpoint/snapshot.js";
import { Expander, type StateStore } from "../expander.js";
import { type Found, foundTraceLength, rebuildViolation } from "../found.js";
import { grownCapacity, maxLoad } from "../fingerprint-set.js";
import { Frontier } from "../frontier.js";
import { type ModelSource, buildModel } from "../model-source.js";
import { PredecessorLog, noParent } from "../predecessor-log.js";
import { projectRoot, threadResourceLimits } from "../project-root.js";
import type { CheckResult } from "../result.js";
import { type ExternalStopReason, stopReason } from "../stop.js";
import { SharedFingerprintTable } from "../shared-fingerprint-table.js";
import {
  Control,
  type FromWorker,
  ParallelLog,
  type ToWorker,
  type WorkerReport,
  type WorkerSetup,
  controlSlots,
  flushEvery,
} from "./protocol.js";

/** Options of a parallel search. */
export interface ParallelSearchOptions extends SearchOptions {
  /** Worker threads, at least 1. */
  readonly workers: number;
  /**
   * Slots the shared table starts with. The default leaves room, above the
   * load at which the table grows, for what every worker may add before it
   * notices (see {@link defaultInitialCapacity}).
   */
  readonly initialCapacity?: number;
}

/** The most successors of one state the default table size allows for; a model with more may fill the table (an error, never a wrong count). */
export const assumedMaxSuccessors = 4096;

/**
 * The default initial table size for `workers` workers: enough that the
 * slots above the growth threshold hold what each worker can add between two
 * looks at the shared count, and at least 2^16 slots.
 */
export function defaultInitialCapacity(workers: number): number {
  return Math.max(1 << 16, Math.ceil((workers * (flushEvery + assumedMaxSuccessors)) / (1 - maxLoad)));
}

/** How long to wait for a worker to start before giving up. */
const startTimeoutMs = 60_000;

/** The compiled worker script: beside this file when running compiled code, else in `dist/` (vitest runs the TypeScript sources). */
export function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  const script = here.endsWith(".js")
    ? join(here, "..", "bfs-worker.js")
    : join(projectRoot(), "dist", "model-check", "parallel", "bfs-worker.js");
  if (!existsSync(script)) throw new Error(`the worker script ${script} is missing: run npm run build`);
  return script;
}

/** Stores the initial states in the coordinator's log (ids 0, 1, 2, ...) and the first frontier. */
class InitialStore implements StateStore {
  constructor(
    readonly log: PredecessorLog,
    readonly frontier: Frontier,
  ) {}
  store(_parent: number, ordinal: number, words: Int32Array, offset: number, length: number, lo: number, hi: number): void {
    this.frontier.push(this.log.add(noParent, ordinal), words, offset, length, lo, hi);
  }
}

/**
 * The visited table a resumed search starts with: the snapshot's own when
 * it leaves the workers the room a fresh table would (see
 * {@link defaultInitialCapacity}), else a bigger one it is rehashed into.
 */
function resumedTable(resumed: LoadedCheckpoint, minimumCapacity: number): SharedFingerprintTable {
  const saved = new SharedFingerprintTable(resumed.header.visited.capacity, resumed.visitedSlots.buffer as SharedArrayBuffer);
  const count = resumed.header.visited.count;
  if (saved.capacity >= minimumCapacity && count < saved.capacity * maxLoad * 0.9) return saved;
  let capacity = Math.max(minimumCapacity, saved.capacity);
  while (count >= capacity * maxLoad * 0.9) capacity = grownCapacity(capacity);
  const bigger = new SharedFingerprintTable(capacity);
  bigger.rehashSlice(saved, 0, saved.capacity);
  return bigger;
}

/** Runs a breadth-first search of the model `source` names on `options.workers` threads. */
export function parallelBfs(source: ModelSource, options: ParallelSearchOptions): CheckResult<unknown, TwinAction> {
  const model = buildModel(source);
  const searched = { ...options, source };
  const resumed = options.resume === undefined ? undefined : openResume(options.resume, model, searched, true);
  const started = Date.now() - (resumed?.header.progress.elapsedMs ?? 0);
  const chunkWords = options.chunkWords ?? 1 << 16;
  const maxStates = options.maxStates ?? Infinity;
  const control = new Int32Array(new SharedArrayBuffer(4 * controlSlots));
  const minimumCapacity = options.initialCapacity ?? defaultInitialCapacity(options.workers);
  let table = resumed === undefined ? new SharedFingerprintTable(minimumCapacity) : resumedTable(resumed, minimumCapacity);
  const checkpoints =
    options.checkpoint === undefined
      ? undefined
      : new CheckpointSchedule(options.checkpoint, identityOf(model, searched), options.maxDepth, options.onCheckpoint, Date.now());

  // The coordinator's own states: the initial states, admitted here into the shared table, or a snapshot's.
  const initial = new InitialStore(
    resumed === undefined ? new PredecessorLog() : PredecessorLog.restore(resumed.logChunks, resumed.header.log.ids),
    resumed === undefined ? new Frontier(chunkWords, true) : Frontier.fromChunks(resumed.next, chunkWords, true),
  );
  const first = new Expander(model, table, initial, {
    checkDeadlock: options.checkDeadlock,
    symmetry: options.symmetry === true,
    refinement: options.refinement === true,
    maxNewStates: maxStates,
  });
  if (resumed === undefined) model.initialStates().forEach((state, index) => first.admitInitial(state, index));
  else for (const witness of resumed.header.witnesses) first.witnesses.merge(witness);

  let distinct = resumed?.header.progress.distinctStates ?? first.newStates;
  let generated = resumed?.header.progress.statesGenerated ?? first.generated;
  let depth = resumed?.header.progress.depth ?? 0;
  let found: Found | undefined = first.found;
  let stopped = first.stopped;
  let peakFrontierBytes = resumed?.header.progress.peakFrontierBytes ?? initial.frontier.bytes;
  let next: Int32Array[] = initial.frontier.chunks;
  // A resumed search first finishes the level its snapshot was taken in (nothing is left at a level boundary).
  let rest: Int32Array[] = resumed?.rest ?? [];
  const reports: WorkerReport[] = [];
  let stoppedFromOutside: ExternalStopReason | null = null;
  const logOf = (): ParallelLog =>
    new ParallelLog(
      initial.log,
      reports.map((r) => PredecessorLog.view(r.logBuffers, r.newStates)),
    );

  const workers: Worker[] = [];
  const ports: MessagePort[] = [];
  try {
    if (!stopped && (next.length > 0 || rest.length > 0)) {
      for (let w = 0; w < options.workers; w++) {
        const channel = new MessageChannel();
        const setup: WorkerSetup = {
          source,
          checkDeadlock: options.checkDeadlock,
          symmetry: options.symmetry === true,
          refinement: options.refinement === true,
          workerIndex: w,
          workers: options.workers,
          initialIds: initial.log.size,
          witnesses: first.witnesses.foundList(),
          control: control.buffer as SharedArrayBuffer,
          table: table.buffer,
          tableCapacity: table.capacity,
          chunkWords,
          bounded: maxStates !== Infinity,
        };
        workers.push(
          new Worker(workerScript(), {
            workerData: { port: channel.port2, setup },
            transferList: [channel.port2],
            resourceLimits: threadResourceLimits,
          }),
        );
        ports.push(channel.port1);
      }
      const messages = new MessageReader(control, ports);
      for (let ready = 0; ready < options.workers; ) {
        if (messages.next(startTimeoutMs).type === "ready") ready++;
      }
      // New states stored since the table was built, as the workers count them, at the last report.
      let countedSinceRebuild = 0;
      const sendAll = (message: ToWorker) => {
        for (const port of ports) port.postMessage(message);
      };
      const progress = () => {
        if (options.onProgress === undefined) return;
        const now = Date.now();
        options.onProgress({
          distinctStates: distinct + Atomics.load(control, Control.sinceRebuild) - countedSinceRebuild,
          statesGenerated: generated,
          queued: 0,
          depth,
          elapsedMs: now - started,
        });
      };
      messages.onIdle = progress;
      messages.idleEveryMs = options.progressIntervalMs ?? 1000;
      // A stop asked from outside reaches the workers as the flag they already obey (at their next flush).
      messages.beforeWait = () => {
        const reason = options.stop?.reason ?? null;
        if (reason !== null && stoppedFromOutside === null) {
          stoppedFromOutside = reason;
          Atomics.store(control, Control.stop, 1);
        }
      };

      const resetRoom = () => {
        Atomics.store(control, Control.sinceRebuild, 0);
        countedSinceRebuild = 0;
        Atomics.store(control, Control.growAfter, Math.floor(table.capacity * maxLoad) - distinct);
        Atomics.store(control, Control.stopAfter, Math.min(2 ** 31 - 1, maxStates - distinct));
      };
      resetRoom();
      // Under --max-states every new state takes one unit of room (bfs-worker.ts's BoundedTable): the bound is exact.
      if (maxStates !== Infinity) Atomics.store(control, Control.room, Math.min(2 ** 31 - 1, maxStates - distinct));

      const maxDepth = options.maxDepth ?? Infinity;
      while (!stopped && (rest.length > 0 || (next.length > 0 && depth + 1 < maxDepth))) {
        let current: Int32Array[];
        if (rest.length > 0) {
          // The rest of level `depth`: its successors join the next level found so far.
          current = rest;
          rest = [];
        } else {
          depth++;
          current = next;
          next = [];
        }
        const levelFound: Found[] = [];
        // What workers left of the chunks they were expanding when the search was stopped.
        const unfinished: Int32Array[] = [];
        Atomics.store(control, Control.nextChunk, 0);
        sendAll({ type: "expand", level: depth, chunks: current });
        let working = options.workers;
        let paused: number[] = [];
        while (working > 0) {
          const message = messages.next();
          if (message.type === "paused" || message.type === "level-done") {
            working--;
            const previous = reports[message.worker];
            generated += message.generated - (previous?.generated ?? 0);
            const added = message.newStates - (previous?.newStates ?? 0);
            distinct += added;
            countedSinceRebuild += added;
            reports[message.worker] = {
              worker: message.worker,
              generated: message.generated,
              newStates: message.newStates,
              logBuffers: message.logBuffers,
            };
            if (message.type === "paused") paused.push(message.worker);
            else {
              next.push(...message.next);
              if (message.found !== null) levelFound.push(message.found);
              for (const w of message.witnesses) first.witnesses.merge(w);
              if (message.rest !== null) unfinished.push(message.rest);
            }
          } else if (message.type !== "rehashed") {
            throw new Error(`unexpected message from a worker: ${message.type}`);
          }
          if (working === 0 && paused.length > 0) {
            if (Atomics.load(control, Control.stop) === 0) {
              table = grow(table, distinct, control, ports, messages);
              resetRoom();
            }
            for (const w of paused) ports[w]!.postMessage({ type: "resume" } satisfies ToWorker);
            working = paused.length;
            paused = [];
          }
        }
        peakFrontierBytes = Math.max(peakFrontierBytes, bytesOf(current) + bytesOf(next));
        if (levelFound.length > 0) {
          found = levelFound.reduce((a, b) => (foundTraceLength(b, depth) < foundTraceLength(a, depth) ? b : a));
        }
        stopped = Atomics.load(control, Control.stop) !== 0;
        // A snapshot at a level end when one is due, or where a stop from outside left the level (every
        // worker stops between two states, so the chunks not claimed and what is left of those being
        // expanded are exactly the states not expanded). After a violation, none: the last one stands.
        const claimed = Math.min(Atomics.load(control, Control.nextChunk), current.length);
        const left = stopped ? [...unfinished, ...current.slice(claimed)] : [];
        const due = stoppedFromOutside !== null || (!stopped && checkpoints?.due() === true);
        // Nothing left (the search is complete): nothing to resume.
        if (checkpoints !== undefined && found === undefined && due && (left.length > 0 || next.length > 0)) {
          const log = logOf();
          checkpoints.write({
            depth,
            rest: left,
            next,
            visited: { slots: new Int32Array(table.buffer), count: distinct },
            log: { ids: log.ids, chunks: log.flatChunks() },
            distinctStates: distinct,
            statesGenerated: generated,
            elapsedMs: Date.now() - started,
            peakFrontierBytes,
            witnesses: first.witnesses.foundList(),
            workers: options.workers,
          });
        }
      }
      sendAll({ type: "finish" });
    }
  } finally {
    for (const worker of workers) {
      worker.unref();
      void worker.terminate();
    }
  }
  // A level whose states were found but not expanded (stopped, or at the depth bound) still counts.
  const unexplored = next.length > 0;
  if (unexplored) depth++;

  const log = logOf();
  const complete = !stopped && !unexplored && rest.length === 0;
  return {
    distinctStates: distinct,
    statesGenerated: generated,
    depth,
    durationMs: Date.now() - started,
    complete,
    stoppedBy: stopReason(complete, found !== undefined, stoppedFromOutside, stopped),
    violation: found === undefined ? null : rebuildViolation(model, log, found),
    visitedSetBytes: table.bytes,
    predecessorLogBytes: initial.log.bytes + reports.reduce((sum, r) => sum + PredecessorLog.view(r.logBuffers, r.newStates).bytes, 0),
    peakFrontierBytes,
    witnesses: first.witnesses.report(),
    search: {
      mode: "bfs",
      workers: options.workers,
      symmetry: options.symmetry === true,
      depthBound: options.maxDepth ?? null,
      traces: null,
      seed: null,
    },
    ...(resumed === undefined ? {} : { resumedFrom: resumedFrom(resumed) }),
  };
}

function bytesOf(chunks: readonly Int32Array[]): number {
  let total = 0;
  for (const chunk of chunks) total += chunk.byteLength;
  return total;
}

/** A bigger table holding the same fingerprints, rehashed by all workers together (they are all waiting). */
function grow(
  table: SharedFingerprintTable,
  count: number,
  control: Int32Array,
  ports: readonly MessagePort[],
  messages: MessageReader,
): SharedFingerprintTable {
  let capacity = grownCapacity(table.capacity);
  while (count >= capacity * maxLoad * 0.9) capacity = grownCapacity(capacity);
  const bigger = new SharedFingerprintTable(capacity);
  Atomics.store(control, Control.nextRehashSlice, 0);
  for (const port of ports) port.postMessage({ type: "rehash", table: bigger.buffer, tableCapacity: capacity } satisfies ToWorker);
  for (let done = 0; done < ports.length; ) {
    const message = messages.next();
    if (message.type !== "rehashed") throw new Error(`unexpected message from a worker while rehashing: ${message.type}`);
    done++;
  }
  return bigger;
}

/** Reads the workers' messages synchronously, sleeping on the control block's signal slot in between. */
class MessageReader {
  onIdle: (() => void) | undefined;
  /** Called before each wait for a message. */
  beforeWait: (() => void) | undefined;
  idleEveryMs = 1000;
  private turn = 0;
  private lastIdle = Date.now();

  constructor(
    private readonly control: Int32Array,
    private readonly ports: readonly MessagePort[],
  ) {}

  /** The next message from any worker; a worker's error is rethrown here. */
  next(timeoutMs = Infinity): FromWorker {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(this.control, Control.signal);
      for (let i = 0; i < this.ports.length; i++) {
        const port = this.ports[(this.turn + i) % this.ports.length]!;
        const received = receiveMessageOnPort(port);
        if (received !== undefined) {
          this.turn = (this.turn + i + 1) % this.ports.length;
          const message = received.message as FromWorker;
          if (message.type === "error") throw new Error(`worker ${message.worker} failed: ${message.message}\n${message.stack}`);
          return message;
        }
      }
      this.beforeWait?.();
      const now = Date.now();
      if (now >= deadline) throw new Error(`no worker answered within ${timeoutMs} ms`);
      if (this.onIdle !== undefined && now - this.lastIdle >= this.idleEveryMs) {
        this.lastIdle = now;
        this.onIdle();
      }
      Atomics.wait(this.control, Control.signal, seen, Math.min(this.idleEveryMs, deadline - now));
    }
  }
}
