/**
 * `--max-memory`: how much memory a search may use before it is asked to
 * stop with a partial report, and its default, a safe share of what this
 * machine (or the container's control group) has.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { totalmem } from "node:os";
import { UsageError } from "./usage-error.js";

/** The share of the machine's memory a search may use by default. */
export const defaultMemoryShare = 0.8;

/** The memory this process may use: the machine's, or the control group's limit when lower. */
export function availableMemory(): number {
  let limit = totalmem();
  for (const file of ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"]) {
    try {
      const text = readFileSync(file, "utf8").trim();
      const value = Number(text);
      if (/^[0-9]+$/.test(text) && value > 0 && value < limit) limit = value;
    } catch {
      // No such control group file: the machine's memory is the limit.
    }
  }
  return limit;
}

/** The default limit: {@link defaultMemoryShare} of {@link availableMemory}. */
export function defaultMaxMemory(): number {
  return Math.floor(availableMemory() * defaultMemoryShare);
}

const units: Readonly<Record<string, number>> = { "": 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** Reads a size such as `512M`, `1.5G` or `2000000000` (bytes); throws a {@link UsageError} for anything else. */
export function parseMemoryFlag(text: string): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)([KMGT]?)i?B?$/i.exec(text.trim());
  const bytes = match === null ? NaN : Number(match[1]) * units[match[2]!.toUpperCase()]!;
  if (!Number.isFinite(bytes) || bytes < 2 ** 26) {
    throw new UsageError(`--max-memory must be a size of at least 64M, such as 512M, 1.5G or 8G, got "${text}"`);
  }
  return Math.floor(bytes);
}

/** A size in the unit that reads best: `19.3 GiB`, `512 MiB`. */
export function formatSize(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
