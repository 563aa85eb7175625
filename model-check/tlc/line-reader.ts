/**
 * Reading large text files line by line without holding them in memory: the
 * state graph TLC dumps for 2PC with 8 RMs is several gigabytes.
 *
 * @module
 */
import { closeSync, openSync, readSync } from "node:fs";

/**
 * Calls `visit(line, lineNumber)` for each line of the file (without its
 * line break; numbers from 1), reading it in chunks, synchronously.
 */
export function forEachLine(path: string, visit: (line: string, lineNumber: number) => void): void {
  const fd = openSync(path, "r");
  try {
    const chunk = Buffer.alloc(1 << 22);
    let carry: Buffer = Buffer.alloc(0);
    let lineNumber = 0;
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      // Decode only whole lines, so that no UTF-8 character is split between chunks.
      const last = data.lastIndexOf(10);
      if (last === -1) {
        carry = Buffer.from(data);
        continue;
      }
      const text = data.toString("utf8", 0, last + 1);
      carry = Buffer.from(data.subarray(last + 1));
      let start = 0;
      for (;;) {
        const newline = text.indexOf("\n", start);
        if (newline === -1) break;
        visit(text.slice(start, newline), ++lineNumber);
        start = newline + 1;
      }
    }
    if (carry.length > 0) visit(carry.toString("utf8"), ++lineNumber);
  } finally {
    closeSync(fd);
  }
}
