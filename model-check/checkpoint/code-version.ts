/**
 * The version of the code that wrote a checkpoint: the package version and a
 * SHA-256 over the compiled JavaScript of `src/` and `model-check/` in
 * `dist/`. A snapshot holds state ids, successor ordinals and encoded states,
 * all of which mean something only to the exact twin and checker that wrote
 * them (change an action's enumeration order, or a codec, and the same bytes
 * describe other states), so a checkpoint is resumed only by the same code.
 *
 * The compiled files are hashed, not the TypeScript sources, because they are
 * what runs (the CLI, and the worker threads even under vitest), and an
 * installed package has no sources. Declaration files and source maps are
 * left out: they change nothing that runs.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { projectRoot } from "../project-root.js";

/** The folders of `dist/` whose code decides what a snapshot means. */
const hashedFolders = ["src", "model-check"];

let cached: string | undefined;

/** `<package version>+sha256:<hex digest>`, computed once per process. */
export function codeVersion(): string {
  if (cached !== undefined) return cached;
  const root = projectRoot();
  const dist = join(root, "dist");
  const hash = createHash("sha256");
  for (const folder of hashedFolders) {
    const top = join(dist, folder);
    if (!existsSync(top)) throw new Error(`cannot tell the code version: ${top} is missing (run npm run build)`);
    for (const file of javaScriptFiles(top)) {
      // The path too, so that moving code between files changes the version.
      hash.update(relative(dist, file).split("\\").join("/"));
      hash.update("\0");
      hash.update(readFileSync(file));
      hash.update("\0");
    }
  }
  const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
  cached = `${version}+sha256:${hash.digest("hex")}`;
  return cached;
}

/** The `.js` files under `dir`, in a fixed order (sorted by path). */
function javaScriptFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...javaScriptFiles(path));
    else if (entry.isFile() && entry.name.endsWith(".js")) found.push(path);
  }
  return found.sort();
}
