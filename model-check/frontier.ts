/**
 * A BFS level of encoded states, as records `[id, length, fpLo, fpHi,
 * words...]` packed into fixed-size `Int32Array` chunks, so the frontier
 * costs a few words per state instead of a JavaScript object, chunks already
 * expanded can be dropped while the level is still being read, and worker
 * threads can share chunks (backed by `SharedArrayBuffer`) and take them as
 * units of work.
 *
 * The fingerprint stored with a state is the one of its own encoding (not of
 * its symmetry representative): successors' fingerprints are computed from it
 * incrementally.
 *
 * Chunk layout: word 0 holds the number of words used, word 1 the number of
 * records, records follow from word 2. A record never spans two chunks.
 *
 * @module
 */

/** Words before the first record of a chunk. */
export const chunkHeaderWords = 2;
/** Words before the encoding in a record: id, length, fingerprint low and high words. */
export const recordHeaderWords = 4;
/** Default chunk size in words (1 MiB). */
export const defaultChunkWords = 1 << 18;

/** Words used in a chunk, header included. */
export function chunkEnd(chunk: Int32Array): number {
  return chunk[0]!;
}

/** Records in a chunk. */
export function chunkRecords(chunk: Int32Array): number {
  return chunk[1]!;
}

/**
 * A new chunk holding the records of `chunk` from word `at` (a record's
 * start) to its end: what is left of a chunk whose expansion was stopped.
 */
export function remainderChunk(chunk: Int32Array, at: number, shared: boolean): Int32Array {
  const end = chunk[0]!;
  const words = chunkHeaderWords + end - at;
  const rest = shared ? new Int32Array(new SharedArrayBuffer(4 * words)) : new Int32Array(words);
  rest.set(chunk.subarray(at, end), chunkHeaderWords);
  let records = 0;
  for (let i = at; i < end; i += recordHeaderWords + chunk[i + 1]!) records++;
  rest[0] = words;
  rest[1] = records;
  return rest;
}

/** An append-only list of encoded states, written by one thread. */
export class Frontier {
  /** The chunks, in writing order; all but the last are full. */
  readonly chunks: Int32Array[] = [];
  private current: Int32Array | undefined;
  private records = 0;

  /**
   * @param chunkWords words per chunk (a record longer than this gets a chunk of its own size)
   * @param shared whether chunks live in `SharedArrayBuffer`s, for other threads to read
   */
  constructor(
    private readonly chunkWords = defaultChunkWords,
    private readonly shared = false,
  ) {}

  /**
   * A frontier holding saved chunks (a checkpoint's), to which more states
   * can be pushed: they go on filling the last chunk, as they would have.
   */
  static fromChunks(chunks: readonly Int32Array[], chunkWords = defaultChunkWords, shared = false): Frontier {
    const frontier = new Frontier(chunkWords, shared);
    for (const chunk of chunks) {
      frontier.chunks.push(chunk);
      frontier.records += chunkRecords(chunk);
    }
    frontier.current = frontier.chunks[frontier.chunks.length - 1];
    return frontier;
  }

  /** How many states it holds. */
  get length(): number {
    return this.records;
  }

  /** Bytes held by its chunks. */
  get bytes(): number {
    let total = 0;
    for (const chunk of this.chunks) total += chunk.byteLength;
    return total;
  }

  /** Appends state `id` whose encoding is `source[offset .. offset+length)` and whose fingerprint is `[lo, hi]`. */
  push(id: number, source: Int32Array, offset: number, length: number, lo: number, hi: number): void {
    let chunk = this.current;
    const need = recordHeaderWords + length;
    if (chunk === undefined || chunk[0]! + need > chunk.length) chunk = this.newChunk(need);
    let at = chunk[0]!;
    chunk[at] = id;
    chunk[at + 1] = length;
    chunk[at + 2] = lo;
    chunk[at + 3] = hi;
    at += recordHeaderWords;
    for (let i = 0; i < length; i++) chunk[at + i] = source[offset + i]!;
    chunk[0] = at + length;
    chunk[1] = chunk[1]! + 1;
    this.records++;
  }

  private newChunk(need: number): Int32Array {
    const words = Math.max(this.chunkWords, chunkHeaderWords + need);
    const chunk = this.shared ? new Int32Array(new SharedArrayBuffer(4 * words)) : new Int32Array(words);
    chunk[0] = chunkHeaderWords;
    this.chunks.push(chunk);
    this.current = chunk;
    return chunk;
  }
}
