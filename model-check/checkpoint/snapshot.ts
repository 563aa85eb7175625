/**
 * Saving a breadth-first search to a directory and reading it back, like
 * TLC's `-checkpoint` and `-recover`.
 *
 * A snapshot is taken between two chunks of frontier work, when nothing is
 * half done: every state before that point has been expanded completely and
 * every state after it not at all. It holds the visited set, the states of
 * the level being expanded that are still to do (`rest`; none at a level
 * boundary), the states of the next level found so far (`next`; the whole
 * level at a boundary), the predecessor log of every stored state, the
 * counters, and the first witness of each goal reached. Resuming finishes
 * `rest` into `next` and goes on level by level, so its counts, depth,
 * witness lengths and counterexample are those of a search never stopped.
 *
 * On disk (one directory):
 *
 * - `checkpoint.json`: the header (identity, counters, witnesses, the size
 *   and SHA-256 of each data file);
 * - `visited.<tag>.bin`: the visited table's slots, two Int32 words each;
 * - `log.<tag>.bin`: the predecessor log's chunks, indexed by state id;
 * - `frontier.<tag>.bin`: the chunks of `rest` then of `next`, each as two
 *   Int32 words (the chunk's capacity and the words it uses) and its used words.
 *
 * A new snapshot writes its data files under a new tag, then the header to a
 * temporary name renamed over `checkpoint.json`: a crash at any point leaves
 * the previous header and the files it names intact. Files of older tags are
 * deleted once the new header is in place.
 *
 * @module
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { endianness } from "node:os";
import { chunkHeaderWords, recordHeaderWords } from "../frontier.js";
import { logChunkBytes, logChunkStates } from "../predecessor-log.js";
import type { WitnessFound } from "../witnesses.js";
import { BinaryReader, BinaryWriter, DamagedFileError, type FileDigest } from "./binary-files.js";
import { type CheckpointIdentity, firstDifference } from "./identity.js";

/** The header's `format`, so that another JSON file is not taken for a checkpoint. */
export const checkpointFormat = "tla-twin-checkpoint";
/** Bumped whenever the layout below changes. */
export const checkpointFormatVersion = 1;
/** The header's file name. */
export const headerFileName = "checkpoint.json";

/**
 * Why a checkpoint cannot be used: `missing` (no such directory, or no
 * checkpoint in it) and `mismatch` (another search's, or beyond the depth
 * bound) are the user's to fix; `damaged` (unreadable or inconsistent data)
 * and `io` (a snapshot could not be written) are the environment's.
 */
export class CheckpointError extends Error {
  override readonly name = "CheckpointError";
  constructor(
    readonly kind: "missing" | "mismatch" | "damaged" | "io",
    message: string,
  ) {
    super(message);
  }
}

/** A data file as the header names it. */
export interface DataFile extends FileDigest {
  readonly name: string;
}

/** What `checkpoint.json` holds. */
export interface CheckpointHeader {
  readonly format: typeof checkpointFormat;
  readonly formatVersion: number;
  readonly identity: CheckpointIdentity;
  readonly byteOrder: "LE" | "BE";
  /** When it was written (ISO 8601), for people. */
  readonly writtenAt: string;
  /** The depth bound of the search that wrote it, null when unbounded. */
  readonly maxDepth: number | null;
  /** Worker threads of the search that wrote it (any number may resume it). */
  readonly workers: number;
  readonly progress: {
    /** The level being expanded (initial states = 1): `rest` is of this level, `next` of the one after. */
    readonly depth: number;
    /** True when the level was expanded completely (`rest` is empty). */
    readonly levelBoundary: boolean;
    readonly distinctStates: number;
    readonly statesGenerated: number;
    /** Search time so far, over every run that led to this snapshot. */
    readonly elapsedMs: number;
    readonly peakFrontierBytes: number;
    readonly restStates: number;
    readonly nextStates: number;
  };
  readonly witnesses: readonly WitnessFound[];
  readonly visited: { readonly capacity: number; readonly count: number; readonly file: DataFile };
  /** `ids`: how many state ids the log covers (0 .. ids-1); a parallel search may leave some unused. */
  readonly log: { readonly ids: number; readonly chunks: number; readonly file: DataFile };
  readonly frontier: { readonly restChunks: number; readonly nextChunks: number; readonly file: DataFile };
}

/** A search as a snapshot takes it. */
export interface SearchSnapshot {
  /** See {@link CheckpointHeader.progress}. */
  readonly depth: number;
  /** States of level `depth` still to expand, as frontier chunks. */
  readonly rest: readonly Int32Array[];
  /** States of level `depth + 1` found so far, as frontier chunks. */
  readonly next: readonly Int32Array[];
  readonly visited: { readonly slots: Int32Array; readonly count: number };
  /** The predecessor log as chunks of {@link logChunkStates} ids, in id order, covering ids 0 .. ids-1. */
  readonly log: { readonly ids: number; readonly chunks: Iterable<ArrayBuffer | SharedArrayBuffer> };
  readonly distinctStates: number;
  readonly statesGenerated: number;
  readonly elapsedMs: number;
  readonly peakFrontierBytes: number;
  readonly witnesses: readonly WitnessFound[];
  readonly workers: number;
}

/** A snapshot read back. */
export interface LoadedCheckpoint {
  readonly dir: string;
  readonly header: CheckpointHeader;
  readonly rest: Int32Array[];
  readonly next: Int32Array[];
  /** The visited table's slots (on a SharedArrayBuffer when loaded `shared`). */
  readonly visitedSlots: Int32Array;
  /** The predecessor log's chunks, {@link logChunkBytes} each. */
  readonly logChunks: ArrayBuffer[];
}

/** What writing a snapshot cost. */
export interface CheckpointWritten {
  readonly dir: string;
  readonly depth: number;
  readonly levelBoundary: boolean;
  readonly distinctStates: number;
  /** Bytes of the data files and header. */
  readonly bytes: number;
  readonly ms: number;
}

const dataFilePattern = /^(visited|log|frontier)\.[0-9a-z-]+\.bin$/;

/** Writes `snapshot` to `dir` (created if need be), replacing the snapshot there only once the new one is complete. */
export function writeCheckpoint(
  dir: string,
  identity: CheckpointIdentity,
  settings: { readonly maxDepth: number | null },
  snapshot: SearchSnapshot,
): CheckpointWritten {
  const started = Date.now();
  try {
    mkdirSync(dir, { recursive: true });
    const tag = `${started.toString(36)}-${process.pid.toString(36)}`;

    const visited = new BinaryWriter(join(dir, `visited.${tag}.bin`));
    visited.write(snapshot.visited.slots);
    const visitedFile = { name: `visited.${tag}.bin`, ...visited.close() };

    const log = new BinaryWriter(join(dir, `log.${tag}.bin`));
    let logChunks = 0;
    for (const chunk of snapshot.log.chunks) {
      if (chunk.byteLength !== logChunkBytes) throw new Error(`a predecessor log chunk of ${chunk.byteLength} bytes`);
      log.write(new Uint8Array(chunk));
      logChunks++;
    }
    if (logChunks !== Math.ceil(snapshot.log.ids / logChunkStates)) throw new Error(`${logChunks} log chunks for ${snapshot.log.ids} ids`);
    const logFile = { name: `log.${tag}.bin`, ...log.close() };

    const frontier = new BinaryWriter(join(dir, `frontier.${tag}.bin`));
    const rest = writeChunks(frontier, snapshot.rest);
    const next = writeChunks(frontier, snapshot.next);
    const frontierFile = { name: `frontier.${tag}.bin`, ...frontier.close() };

    const header: CheckpointHeader = {
      format: checkpointFormat,
      formatVersion: checkpointFormatVersion,
      identity,
      byteOrder: endianness(),
      writtenAt: new Date().toISOString(),
      maxDepth: settings.maxDepth,
      workers: snapshot.workers,
      progress: {
        depth: snapshot.depth,
        levelBoundary: rest.states === 0,
        distinctStates: snapshot.distinctStates,
        statesGenerated: snapshot.statesGenerated,
        elapsedMs: snapshot.elapsedMs,
        peakFrontierBytes: snapshot.peakFrontierBytes,
        restStates: rest.states,
        nextStates: next.states,
      },
      witnesses: snapshot.witnesses,
      visited: { capacity: snapshot.visited.slots.length / 2, count: snapshot.visited.count, file: visitedFile },
      log: { ids: snapshot.log.ids, chunks: logChunks, file: logFile },
      frontier: { restChunks: rest.chunks, nextChunks: next.chunks, file: frontierFile },
    };
    const text = JSON.stringify(header, null, 2) + "\n";
    const temporary = join(dir, `${headerFileName}.${tag}.tmp`);
    writeFileSync(temporary, text);
    syncPath(temporary);
    renameSync(temporary, join(dir, headerFileName));
    syncPath(dir);
    removeStaleFiles(dir, header);
    return {
      dir,
      depth: snapshot.depth,
      levelBoundary: rest.states === 0,
      distinctStates: snapshot.distinctStates,
      bytes: visitedFile.bytes + logFile.bytes + frontierFile.bytes + Buffer.byteLength(text),
      ms: Date.now() - started,
    };
  } catch (e) {
    if (e instanceof CheckpointError) throw e;
    throw new CheckpointError("io", `cannot write a checkpoint to ${dir}: ${(e as Error).message}`);
  }
}

/** Writes frontier chunks (skipping empty ones): capacity, used words, then the used words. */
function writeChunks(writer: BinaryWriter, chunks: readonly Int32Array[]): { chunks: number; states: number } {
  let written = 0;
  let states = 0;
  for (const chunk of chunks) {
    if (chunk.length === 0 || chunk[1] === 0) continue;
    writer.write(Int32Array.of(chunk.length, chunk[0]!));
    writer.write(chunk.subarray(0, chunk[0]!));
    written++;
    states += chunk[1]!;
  }
  return { chunks: written, states };
}

function syncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Deletes the data files and temporary headers that `header` does not name (older snapshots, interrupted writes). */
function removeStaleFiles(dir: string, header: CheckpointHeader): void {
  const keep = new Set([header.visited.file.name, header.log.file.name, header.frontier.file.name]);
  for (const name of readdirSync(dir)) {
    const stale = (dataFilePattern.test(name) && !keep.has(name)) || (name.startsWith(`${headerFileName}.`) && name.endsWith(".tmp"));
    if (stale) unlinkSync(join(dir, name));
  }
}

/** Whether `dir` holds a checkpoint header (whatever its state). */
export function holdsCheckpoint(dir: string): boolean {
  return existsSync(join(dir, headerFileName));
}

/**
 * Reads and checks the header in `dir`: `missing` when there is no such
 * directory or no header in it, `damaged` when the header cannot be read or
 * is not a complete tla-twin checkpoint header of this format, or when a data
 * file it names is missing or has another size.
 */
export function readCheckpointHeader(dir: string): CheckpointHeader {
  if (!existsSync(dir)) throw new CheckpointError("missing", `no checkpoint directory ${dir}`);
  if (!statSync(dir).isDirectory()) throw new CheckpointError("missing", `${dir} is not a directory`);
  const path = join(dir, headerFileName);
  if (!existsSync(path)) throw new CheckpointError("missing", `no checkpoint in ${dir} (no ${headerFileName})`);
  let header: CheckpointHeader;
  try {
    header = JSON.parse(readFileSync(path, "utf8")) as CheckpointHeader;
  } catch (e) {
    throw new CheckpointError("damaged", `the checkpoint header ${path} is unreadable: ${(e as Error).message.replace(/\s+/g, " ")}`);
  }
  const damaged = (what: string) => new CheckpointError("damaged", `the checkpoint header ${path} is damaged: ${what}`);
  if (typeof header !== "object" || header === null || header.format !== checkpointFormat) throw damaged(`it is not a ${checkpointFormat} header`);
  if (header.formatVersion !== checkpointFormatVersion) {
    throw new CheckpointError("mismatch", `the checkpoint in ${dir} has format version ${String(header.formatVersion)}, this tla-twin reads ${checkpointFormatVersion}`);
  }
  const missing = headerProblem(header);
  if (missing !== undefined) throw damaged(missing);
  if (header.byteOrder !== endianness()) throw new CheckpointError("mismatch", `the checkpoint in ${dir} was written on a ${header.byteOrder} machine, this one is ${endianness()}`);
  for (const file of [header.visited.file, header.log.file, header.frontier.file]) {
    const data = join(dir, file.name);
    if (!existsSync(data)) throw new CheckpointError("damaged", `the checkpoint in ${dir} lacks its data file ${file.name}`);
    const size = statSync(data).size;
    if (size !== file.bytes) throw new CheckpointError("damaged", `the checkpoint data file ${data} has ${size} bytes, its header says ${file.bytes}`);
  }
  return header;
}

/** What is missing or malformed in a parsed header, if anything. */
function headerProblem(h: CheckpointHeader): string | undefined {
  const isCount = (n: unknown) => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
  const isFile = (f: DataFile | undefined) =>
    typeof f === "object" && f !== null && typeof f.name === "string" && dataFilePattern.test(f.name) && isCount(f.bytes) && typeof f.sha256 === "string";
  const id = h.identity;
  if (typeof id !== "object" || id === null || typeof id.protocol !== "string" || typeof id.codeVersion !== "string") return "no identity";
  const p = h.progress;
  if (typeof p !== "object" || p === null) return "no progress";
  for (const key of ["depth", "distinctStates", "statesGenerated", "elapsedMs", "peakFrontierBytes", "restStates", "nextStates"] as const) {
    if (!isCount(p[key])) return `progress.${key} is not a count`;
  }
  if (!Array.isArray(h.witnesses)) return "no witnesses";
  if (typeof h.visited !== "object" || h.visited === null || !isCount(h.visited.capacity) || !isCount(h.visited.count) || !isFile(h.visited.file)) {
    return "no visited table";
  }
  if (h.visited.file.bytes !== 8 * h.visited.capacity || h.visited.count > h.visited.capacity) return "the visited table's size does not fit its capacity";
  if (typeof h.log !== "object" || h.log === null || !isCount(h.log.ids) || !isCount(h.log.chunks) || !isFile(h.log.file)) return "no predecessor log";
  if (h.log.chunks !== Math.ceil(h.log.ids / logChunkStates) || h.log.file.bytes !== h.log.chunks * logChunkBytes) return "the log's size does not fit its ids";
  if (typeof h.frontier !== "object" || h.frontier === null || !isCount(h.frontier.restChunks) || !isCount(h.frontier.nextChunks) || !isFile(h.frontier.file)) {
    return "no frontier";
  }
  return undefined;
}

/**
 * Checks that the checkpoint with `header` belongs to the search `here`
 * describes and fits its depth bound; throws `mismatch` naming the first
 * difference.
 */
export function checkResumable(
  dir: string,
  header: CheckpointHeader,
  here: CheckpointIdentity,
  bounds: { readonly maxDepth?: number | undefined; readonly maxStates?: number | undefined },
): void {
  const { maxDepth, maxStates } = bounds;
  const difference = firstDifference(header.identity, here);
  if (difference !== undefined) {
    throw new CheckpointError("mismatch", `the checkpoint in ${dir} is of another search: ${difference}`);
  }
  // A search bounded at B expands levels 1 .. B-1; the snapshot has expanded (part of) level `depth`.
  if (maxDepth !== undefined && header.progress.depth >= maxDepth) {
    throw new CheckpointError(
      "mismatch",
      `the checkpoint in ${dir} has expanded states at depth ${header.progress.depth}, beyond the bound --depth ${maxDepth} (which expands no state at depth ${maxDepth})`,
    );
  }
  // A search bounded at M distinct states stops as soon as it has M; the snapshot must have fewer.
  if (maxStates !== undefined && header.progress.distinctStates >= maxStates) {
    throw new CheckpointError(
      "mismatch",
      `the checkpoint in ${dir} holds ${header.progress.distinctStates} distinct states already, not fewer than --max-states ${maxStates}`,
    );
  }
}

/**
 * Reads the snapshot in `dir` after {@link readCheckpointHeader}: every data
 * file is read whole and checked against its size and SHA-256, and the
 * frontier chunks against their own headers. With `shared`, the visited
 * table and the frontier chunks are put in SharedArrayBuffers (for worker
 * threads).
 */
export function loadCheckpoint(dir: string, header: CheckpointHeader, options: { readonly shared: boolean }): LoadedCheckpoint {
  const allocate = (bytes: number) => (options.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  try {
    const visitedSlots = new Int32Array(allocate(header.visited.file.bytes));
    readFile(dir, header.visited.file, (reader) => reader.readInto(visitedSlots));

    const logChunks: ArrayBuffer[] = [];
    readFile(dir, header.log.file, (reader) => {
      for (let c = 0; c < header.log.chunks; c++) {
        const chunk = new ArrayBuffer(logChunkBytes);
        reader.readInto(new Uint8Array(chunk));
        logChunks.push(chunk);
      }
    });

    let rest: Int32Array[] = [];
    let next: Int32Array[] = [];
    readFile(dir, header.frontier.file, (reader) => {
      rest = readChunks(reader, header.frontier.restChunks, allocate);
      next = readChunks(reader, header.frontier.nextChunks, allocate);
    });
    const count = (chunks: Int32Array[]) => chunks.reduce((sum, chunk) => sum + chunk[1]!, 0);
    if (count(rest) !== header.progress.restStates || count(next) !== header.progress.nextStates) {
      throw new DamagedFileError(`the frontier does not hold the ${header.progress.restStates} + ${header.progress.nextStates} states its header says`);
    }
    return { dir, header, rest, next, visitedSlots, logChunks };
  } catch (e) {
    if (e instanceof DamagedFileError) throw new CheckpointError("damaged", `the checkpoint in ${dir} is damaged: ${e.message}`);
    if (e instanceof CheckpointError) throw e;
    throw new CheckpointError("damaged", `cannot read the checkpoint in ${dir}: ${(e as Error).message}`);
  }
}

function readFile(dir: string, file: DataFile, read: (reader: BinaryReader) => void): void {
  const reader = new BinaryReader(join(dir, file.name), file);
  try {
    read(reader);
  } catch (e) {
    reader.abandon();
    throw e;
  }
  reader.close();
}

/** Reads `count` frontier chunks, each into a chunk of its original capacity, checking each record fits. */
function readChunks(reader: BinaryReader, count: number, allocate: (bytes: number) => ArrayBufferLike): Int32Array[] {
  const chunks: Int32Array[] = [];
  const sizes = new Int32Array(2);
  for (let c = 0; c < count; c++) {
    reader.readInto(sizes);
    const [capacity, used] = sizes as unknown as [number, number];
    if (!(used >= chunkHeaderWords && used <= capacity)) {
      throw new DamagedFileError(`frontier chunk ${c} says it uses ${used} of ${capacity} words`);
    }
    if (4 * used > reader.remaining) throw new DamagedFileError(`frontier chunk ${c} runs past the end of the file`);
    const chunk = new Int32Array(allocate(4 * capacity));
    reader.readInto(chunk.subarray(0, used));
    if (chunk[0] !== used || !recordsFit(chunk)) throw new DamagedFileError(`frontier chunk ${c} is inconsistent`);
    chunks.push(chunk);
  }
  return chunks;
}

/** Whether a chunk's records tile its used words exactly and number what its header says. */
function recordsFit(chunk: Int32Array): boolean {
  const end = chunk[0]!;
  let records = 0;
  let at = chunkHeaderWords;
  while (at < end) {
    const length = chunk[at + 1]!;
    if (length < 0 || at + recordHeaderWords + length > end) return false;
    at += recordHeaderWords + length;
    records++;
  }
  return at === end && records === chunk[1];
}
