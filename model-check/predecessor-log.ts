/**
 * For every distinct state, the id of the state it was first reached from
 * and the position of that step among its parent's successors. Together with
 * the deterministic successor order this is enough to rebuild any path by
 * re-executing it, so the checker never keeps full states for traces.
 * Costs 6 bytes per state, in chunks so that it grows without copying; the
 * chunks can live in `SharedArrayBuffer`s so that the thread that rebuilds a
 * trace can read the logs that worker threads wrote.
 *
 * @module
 */

const chunkBits = 16;
const chunkSize = 1 << chunkBits;
/** States per chunk. */
export const logChunkStates = chunkSize;
/** Bytes of one chunk: the parents (Int32) then the ordinals (Uint16). */
export const logChunkBytes = chunkSize * 6;
const chunkBytes = logChunkBytes;

/** The parent of an initial state. */
export const noParent = -1;

/** Where a path can be looked up: the parent and ordinal of each state id. */
export interface PredecessorLookup {
  /** The id of the state `id` was reached from, or {@link noParent}. */
  parentOf(id: number): number;
  /** The position of the step to `id` among its parent's successors (or among the initial states). */
  ordinalOf(id: number): number;
}

/** The ordinals on the path from an initial state to `id`, first step first. */
export function pathTo(lookup: PredecessorLookup, id: number): number[] {
  const path: number[] = [];
  for (let at = id; at !== noParent; at = lookup.parentOf(at)) path.push(lookup.ordinalOf(at));
  return path.reverse();
}

/** Parent ids and successor ordinals, indexed by state id (ids are 0, 1, 2, ... in the order states are logged). */
export class PredecessorLog implements PredecessorLookup {
  private readonly buffers: (ArrayBuffer | SharedArrayBuffer)[] = [];
  private readonly parents: Int32Array[] = [];
  private readonly ordinals: Uint16Array[] = [];
  private count = 0;

  /** @param shared whether chunks live in `SharedArrayBuffer`s, to be read by other threads */
  constructor(private readonly shared = false) {}

  /** A read-only view of a log written elsewhere: its chunk buffers and how many states it holds. */
  static view(buffers: readonly (ArrayBuffer | SharedArrayBuffer)[], count: number): PredecessorLog {
    const log = new PredecessorLog(true);
    for (const buffer of buffers) log.attach(buffer);
    log.count = count;
    return log;
  }

  /**
   * A log that goes on from saved chunks (a checkpoint's) holding `count`
   * states: the next state logged gets id `count`. The chunks must number
   * exactly ceil(count / {@link logChunkStates}), each {@link logChunkBytes} long.
   */
  static restore(buffers: readonly (ArrayBuffer | SharedArrayBuffer)[], count: number): PredecessorLog {
    if (buffers.length !== Math.ceil(count / chunkSize) || buffers.some((b) => b.byteLength !== chunkBytes)) {
      throw new RangeError(`${buffers.length} log chunks cannot hold exactly ${count} states`);
    }
    const log = new PredecessorLog(buffers[0] instanceof SharedArrayBuffer);
    for (const buffer of buffers) log.attach(buffer);
    log.count = count;
    return log;
  }

  /** How many states are logged. */
  get size(): number {
    return this.count;
  }

  /** Bytes held by its chunks. */
  get bytes(): number {
    return this.buffers.length * chunkBytes;
  }

  /** The chunk buffers, for another thread to {@link PredecessorLog.view}. */
  get chunkBuffers(): readonly (ArrayBuffer | SharedArrayBuffer)[] {
    return this.buffers;
  }

  /**
   * Logs a new state and returns its id. For an initial state, `parent` is
   * {@link noParent} and `ordinal` its index among the initial states.
   */
  add(parent: number, ordinal: number): number {
    if (ordinal > 0xffff) throw new RangeError(`a state has more than 65536 successors (ordinal ${ordinal})`);
    const id = this.count++;
    const chunk = id >>> chunkBits;
    if (chunk === this.parents.length) this.attach(this.shared ? new SharedArrayBuffer(chunkBytes) : new ArrayBuffer(chunkBytes));
    const at = id & (chunkSize - 1);
    this.parents[chunk]![at] = parent;
    this.ordinals[chunk]![at] = ordinal;
    return id;
  }

  parentOf(id: number): number {
    const parent = this.parents[id >>> chunkBits]![id & (chunkSize - 1)]!;
    return parent === noParent ? noParent : parent >>> 0;
  }

  ordinalOf(id: number): number {
    return this.ordinals[id >>> chunkBits]![id & (chunkSize - 1)]!;
  }

  /** The ordinals on the path from an initial state to `id`, first step first. */
  pathTo(id: number): number[] {
    return pathTo(this, id);
  }

  private attach(buffer: ArrayBuffer | SharedArrayBuffer): void {
    this.buffers.push(buffer);
    this.parents.push(new Int32Array(buffer, 0, chunkSize));
    this.ordinals.push(new Uint16Array(buffer, 4 * chunkSize, chunkSize));
  }
}
