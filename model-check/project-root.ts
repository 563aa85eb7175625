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

/**
 * The compiled form of a worker thread's script, given as its path from the
 * project root without extension (`model-check/cli/search-worker`): worker
 * threads run JavaScript, so tests that run the TypeScript sources still
 * start the script built in `dist/`.
 */
export function compiledScript(path: string): string {
  const script = join(projectRoot(), "dist", `${path}.js`);
  if (!existsSync(script)) throw new Error(`the worker script ${script} is missing: run npm run build`);
  return script;
}

/**
 * Limits for the worker threads of a search. V8 reserves address space for
 * each thread's compiled code (128 MiB by default); under an address-space
 * limit (`ulimit -v`) that reservation fails fatally and ends the whole
 * process before it can report. Searches run little code, so 16 MiB is
 * ample, and it leaves the address space to the search's own tables.
 */
export const threadResourceLimits = { codeRangeSizeMb: 16 } as const;
