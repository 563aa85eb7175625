/**
 * Locating the project's own files (specs, manifest, golden results) from
 * compiled code in `dist/` and from sources run by vitest alike.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/** The folder holding tla-twin's package.json. */
export function projectRoot(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, "utf8")) as { name?: string }).name === "tla-twin") {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find tla-twin's package.json above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** The spec folder. */
export function specDir(): string {
  return join(projectRoot(), "spec");
}
