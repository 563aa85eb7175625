/**
 * For every distinct state, the id of the state it was first reached from
 * and the position of that step among its parent's successors. Together with
 * the deterministic successor order this is enough to rebuild any path by
 * re-executing it, so the checker never keeps full states for traces.
 * Costs 6 bytes per state, in chunks so that it grows without copying.
 *
 * @module
 */

const chunkBits = 20;
const chunkSize = 1 << chunkBits;

/** The parent of an initial state. */
export const noParent = -1;

/** Parent ids and successor ordinals, indexed by state id (ids are 0, 1, 2, ... in discovery order). */
export class PredecessorLog {
  private parents: Int32Array[] = [];
  private ordinals: Uint16Array[] = [];
  private count = 0;

  /** How many states are logged. */
  get size(): number {
    return this.count;
  }

  /**
   * Logs a new state and returns its id. For an initial state, `parent` is
   * {@link noParent} and `ordinal` its index among the initial states.
   */
  add(parent: number, ordinal: number): number {
    if (ordinal > 0xffff) throw new RangeError(`a state has more than 65536 successors (ordinal ${ordinal})`);
    const id = this.count++;
    const chunk = id >>> chunkBits;
    if (chunk === this.parents.length) {
      this.parents.push(new Int32Array(chunkSize));
      this.ordinals.push(new Uint16Array(chunkSize));
    }
    const at = id & (chunkSize - 1);
    this.parents[chunk]![at] = parent;
    this.ordinals[chunk]![at] = ordinal;
    return id;
  }

  /** The id of the state `id` was reached from, or {@link noParent}. */
  parentOf(id: number): number {
    return this.parents[id >>> chunkBits]![id & (chunkSize - 1)]!;
  }

  /** The position of the step to `id` among its parent's successors (or among the initial states). */
  ordinalOf(id: number): number {
    return this.ordinals[id >>> chunkBits]![id & (chunkSize - 1)]!;
  }

  /** The ordinals on the path from an initial state to `id`, first step first. */
  pathTo(id: number): number[] {
    const path: number[] = [];
    for (let at = id; at !== noParent; at = this.parentOf(at)) path.push(this.ordinalOf(at));
    return path.reverse();
  }
}
