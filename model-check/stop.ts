/**
 * Asking a running search to stop, from outside it.
 *
 * A search is a synchronous loop, so a signal handler on its own thread never
 * runs until it returns. The CLI therefore runs searches on a thread of their
 * own and keeps its main thread free to receive SIGINT and SIGTERM; the two
 * share a {@link StopSignal}, one word of shared memory that the search reads
 * between chunks of work (never per state: that would cost the hot loop).
 *
 * @module
 */

/**
 * Why a search ended before exploring everything:
 *
 * - `max-states`: the `maxStates` bound was reached;
 * - `depth`: the `maxDepth` bound left a level unexpanded;
 * - `signal`: SIGINT or SIGTERM (or a caller's {@link StopSignal.request});
 * - `memory`: the memory limit was reached, or an allocation failed;
 * - `time`: a time limit ran out.
 */
export type StopReason = "max-states" | "depth" | "signal" | "memory" | "time";

/** The reasons a {@link StopSignal} can carry: those that come from outside the search. */
export type ExternalStopReason = Extract<StopReason, "signal" | "memory" | "time">;

const codes: readonly ExternalStopReason[] = ["signal", "memory", "time"];

/** A request to stop, shared between threads: 0 while none is made, else 1 + the reason's index. */
export class StopSignal {
  private readonly word: Int32Array;

  /** A new signal, or a view of one made on another thread (pass its `buffer`). */
  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.word = new Int32Array(buffer, 0, 1);
  }

  /** The shared memory, to hand to another thread. */
  get buffer(): SharedArrayBuffer {
    return this.word.buffer as SharedArrayBuffer;
  }

  /** Asks the search to stop at its next safe point; the first reason given wins. */
  request(reason: ExternalStopReason): void {
    Atomics.compareExchange(this.word, 0, 0, codes.indexOf(reason) + 1);
    Atomics.notify(this.word, 0);
  }

  /** The reason asked for, or null while none is. */
  get reason(): ExternalStopReason | null {
    const code = Atomics.load(this.word, 0);
    return code === 0 ? null : codes[code - 1]!;
  }
}

/**
 * Why a search that ended as described stopped early, or null: a complete
 * search or a violation needs no reason; a request from outside comes first,
 * then the state bound; a search that ended otherwise left a level
 * unexpanded at its depth bound.
 */
export function stopReason(complete: boolean, violated: boolean, fromOutside: ExternalStopReason | null, full: boolean): StopReason | null {
  if (complete || violated) return null;
  if (fromOutside !== null) return fromOutside;
  return full ? "max-states" : "depth";
}

/** Messages of errors that are a failed allocation of a typed array or its buffer. */
export const allocationFailureMessage = /Array buffer allocation failed|Invalid typed array length|Invalid array buffer length|Allocation failed/i;

/** Whether `e` is a failed allocation (a RangeError the engine throws when memory runs out), which a search turns into a stop. */
export function isAllocationFailure(e: unknown): boolean {
  return e instanceof RangeError && allocationFailureMessage.test(e.message);
}
