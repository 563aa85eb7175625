/**
 * The data files of a checkpoint: the bytes of typed arrays written one
 * after the other, with no framing of their own (the header says what they
 * hold), and a SHA-256 of each file computed while it is written and checked
 * while it is read, so that a damaged or truncated file is refused instead
 * of resuming a search from wrong data.
 *
 * Arrays are written in the machine's byte order (little-endian on every
 * platform Node runs on); the header records it.
 *
 * @module
 */
import { createHash, type Hash } from "node:crypto";
import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from "node:fs";

/** What the header records of each data file. */
export interface FileDigest {
  readonly bytes: number;
  readonly sha256: string;
}

/** Thrown when a data file is not what its header says. */
export class DamagedFileError extends Error {
  override readonly name = "DamagedFileError";
}

/** Bytes per read or write call: well under the 2 GiB a single call may move. */
const sliceBytes = 64 << 20;

function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** Writes the bytes of typed arrays to a new file, hashing them on the way. */
export class BinaryWriter {
  private readonly fd: number;
  private readonly hash: Hash = createHash("sha256");
  private written = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, "w");
  }

  /** Appends the bytes of `array`. */
  write(array: ArrayBufferView): void {
    const bytes = bytesOf(array);
    for (let at = 0; at < bytes.length; ) {
      const slice = bytes.subarray(at, Math.min(bytes.length, at + sliceBytes));
      let done = 0;
      while (done < slice.length) done += writeSync(this.fd, slice, done, slice.length - done);
      this.hash.update(slice);
      at += slice.length;
    }
    this.written += bytes.length;
  }

  /** Flushes the file to disk and closes it; returns its size and digest. */
  close(): FileDigest {
    fsyncSync(this.fd);
    closeSync(this.fd);
    return { bytes: this.written, sha256: this.hash.digest("hex") };
  }
}

/** Reads a file written by {@link BinaryWriter} into typed arrays, checking its size first and its digest at the end. */
export class BinaryReader {
  private readonly fd: number;
  private readonly hash: Hash = createHash("sha256");
  private read = 0;

  constructor(
    readonly path: string,
    private readonly expected: FileDigest,
  ) {
    this.fd = openSync(path, "r");
    const size = fstatSync(this.fd).size;
    if (size !== expected.bytes) {
      closeSync(this.fd);
      throw new DamagedFileError(`${path} has ${size} bytes, its header says ${expected.bytes}`);
    }
  }

  /** Bytes not read yet. */
  get remaining(): number {
    return this.expected.bytes - this.read;
  }

  /** Fills `array` with the next bytes of the file. */
  readInto(array: ArrayBufferView): void {
    const bytes = bytesOf(array);
    if (bytes.length > this.remaining) throw new DamagedFileError(`${this.path} ends before the data its header describes`);
    for (let at = 0; at < bytes.length; ) {
      const count = readSync(this.fd, bytes, at, Math.min(sliceBytes, bytes.length - at), null);
      if (count === 0) throw new DamagedFileError(`${this.path} ends before the data its header describes`);
      this.hash.update(bytes.subarray(at, at + count));
      at += count;
    }
    this.read += bytes.length;
  }

  /** Closes the file after a failure, checking nothing. */
  abandon(): void {
    closeSync(this.fd);
  }

  /** Checks that the whole file was read and matches its digest, and closes it. */
  close(): void {
    closeSync(this.fd);
    if (this.remaining !== 0) throw new DamagedFileError(`${this.path} holds ${this.remaining} bytes more than its header describes`);
    if (this.hash.digest("hex") !== this.expected.sha256) throw new DamagedFileError(`${this.path} does not match its SHA-256 in the header`);
  }
}
