/**
 * A worker thread of the parallel breadth-first search. It builds the same
 * model as the coordinator from the registry, then, level by level, claims
 * chunks of the shared frontier, expands their states with the same
 * {@link Expander} as the single-threaded search, inserts fingerprints into
 * the shared table, and writes new states to its own next-level chunks and
 * predecessor log, both in shared memory for the coordinator to read.
 *
 * It stops between two states, never inside one, when the table needs to
 * grow (it reports "paused" and later resumes where it was), when the level
 * has no chunk left, or when the search must stop.
 *
 * @module
 */
import { type MessagePort, workerData } from "node:worker_threads";
import { Expander, type StateStore, type VisitedSet } from "../expander.js";
import { Frontier, chunkHeaderWords, recordHeaderWords, remainderChunk } from "../frontier.js";
import { buildModel, loadProtocol } from "../model-source.js";
import { PredecessorLog } from "../predecessor-log.js";
import { SharedFingerprintTable } from "../shared-fingerprint-table.js";
import {
  Control,
  type FromWorker,
  type ToWorker,
  type WorkerReport,
  type WorkerSetup,
  globalId,
  flushEvery,
  rehashSliceSlots,
} from "./protocol.js";

const { port, setup } = workerData as { port: MessagePort; setup: WorkerSetup };
const control = new Int32Array(setup.control);

function send(message: FromWorker): void {
  port.postMessage(message);
  Atomics.add(control, Control.signal, 1);
  Atomics.notify(control, Control.signal);
}

/** The shared table, replaced when the coordinator grows it. */
class CurrentTable implements VisitedSet {
  constructor(public table: SharedFingerprintTable) {}
  add(lo: number, hi: number): boolean {
    return this.table.add(lo, hi);
  }
  touch(lo: number, hi: number): number {
    return this.table.touch(lo, hi);
  }
}

/**
 * The shared table under `--max-states`: a state is new only if there is
 * room left for it, so that workers together store exactly as many states
 * as the bound allows. A fingerprint added without room stays in the table;
 * the search stops at once, so it is never looked up again.
 */
class BoundedTable implements VisitedSet {
  /** Set once a new state found no room: this worker must stop. */
  exhausted = false;
  constructor(readonly current: CurrentTable) {}
  add(lo: number, hi: number): boolean {
    if (!this.current.add(lo, hi)) return false;
    if (Atomics.sub(control, Control.room, 1) > 0) return true;
    this.exhausted = true;
    return false;
  }
  touch(lo: number, hi: number): number {
    return this.current.touch(lo, hi);
  }
}

/** Logs new states under this worker's ids and writes them to its next-level chunks. */
class WorkerStore implements StateStore {
  readonly log = new PredecessorLog(true);
  next = new Frontier(setup.chunkWords, true);
  store(parent: number, ordinal: number, words: Int32Array, offset: number, length: number, lo: number, hi: number): void {
    const local = this.log.add(parent, ordinal);
    const id = globalId(setup.initialIds, setup.workers, setup.workerIndex, local);
    this.next.push(id, words, offset, length, lo, hi);
  }
}

function run(): void {
  const model = buildModel(setup.source);
  const table = new CurrentTable(new SharedFingerprintTable(setup.tableCapacity, setup.table));
  const store = new WorkerStore();
  const bounded = setup.bounded ? new BoundedTable(table) : undefined;
  const expander = new Expander(model, bounded ?? table, store, {
    checkDeadlock: setup.checkDeadlock,
    symmetry: setup.symmetry,
    refinement: setup.refinement,
    maxNewStates: Infinity,
  });
  for (const witness of setup.witnesses) expander.witnesses.merge(witness);

  // The level being expanded and where this worker is in it.
  let chunks: readonly Int32Array[] = [];
  let chunk: Int32Array | undefined;
  let at = 0;

  const report = (): WorkerReport => ({
    worker: setup.workerIndex,
    generated: expander.generated,
    newStates: expander.newStates,
    logBuffers: store.log.chunkBuffers as SharedArrayBuffer[],
  });

  const finishLevel = (): void => {
    const next = store.next.chunks;
    store.next = new Frontier(setup.chunkWords, true);
    // Stopped inside a chunk: what is left of it goes back, for a snapshot to keep.
    const rest = chunk !== undefined && at < chunk[0]! ? remainderChunk(chunk, at, true) : null;
    chunk = undefined;
    send({ type: "level-done", ...report(), next, found: expander.found ?? null, witnesses: expander.witnesses.foundList(), rest });
  };

  // New states not yet added to the shared count.
  let unflushed = 0;
  const flush = (): number => {
    const since = Atomics.add(control, Control.sinceRebuild, unflushed) + unflushed;
    unflushed = 0;
    return since;
  };

  // Expands states until the level is done, the search stops, or the table must grow.
  const work = (): void => {
    const growAfter = Atomics.load(control, Control.growAfter);
    const stopAfter = Atomics.load(control, Control.stopAfter);
    for (;;) {
      if (chunk === undefined) {
        const claimed = Atomics.add(control, Control.nextChunk, 1);
        if (claimed >= chunks.length) {
          flush();
          return finishLevel();
        }
        chunk = chunks[claimed]!;
        at = chunkHeaderWords;
      }
      const end = chunk[0]!;
      while (at < end) {
        const length = chunk[at + 1]!;
        const before = expander.newStates;
        expander.expand(chunk[at]! >>> 0, chunk, at + recordHeaderWords, length, chunk[at + 2]!, chunk[at + 3]!);
        at += recordHeaderWords + length;
        unflushed += expander.newStates - before;
        if (expander.found !== undefined || bounded?.exhausted === true) {
          flush();
          Atomics.store(control, Control.stop, 1);
          return finishLevel();
        }
        if (unflushed >= flushEvery || at >= end) {
          const since = flush();
          if (since >= stopAfter) {
            Atomics.store(control, Control.stop, 1);
            return finishLevel();
          }
          if (Atomics.load(control, Control.stop) !== 0) return finishLevel();
          if (since > growAfter) {
            send({ type: "paused", ...report() });
            return;
          }
        }
      }
      chunk = undefined;
    }
  };

  const rehash = (buffer: SharedArrayBuffer, capacity: number): void => {
    const old = table.table;
    const bigger = new SharedFingerprintTable(capacity, buffer);
    const slices = Math.ceil(old.capacity / rehashSliceSlots);
    for (;;) {
      const slice = Atomics.add(control, Control.nextRehashSlice, 1);
      if (slice >= slices) break;
      bigger.rehashSlice(old, slice * rehashSliceSlots, Math.min(old.capacity, (slice + 1) * rehashSliceSlots));
    }
    table.table = bigger;
    send({ type: "rehashed", worker: setup.workerIndex });
  };

  port.on("message", (message: ToWorker) => {
    try {
      switch (message.type) {
        case "expand":
          chunks = message.chunks;
          chunk = undefined;
          expander.stepsToSuccessors = message.level;
          work();
          break;
        case "resume":
          work();
          break;
        case "rehash":
          rehash(message.table, message.tableCapacity);
          break;
        case "finish":
          port.close();
          break;
      }
    } catch (e) {
      fail(e);
    }
  });
  send({ type: "ready", worker: setup.workerIndex });
}

function fail(e: unknown): void {
  const error = e instanceof Error ? e : new Error(String(e));
  send({ type: "error", worker: setup.workerIndex, message: error.message, stack: error.stack ?? "" });
}

// A protocol from a user's module is imported by each thread itself (functions cannot be posted).
loadProtocol(setup.source).then(run).catch(fail);
