/**
 * `tla-twin spec-map`: the table of TLA+ operators and the twin functions
 * that implement them, for every protocol, as Markdown.
 *
 * @module
 */
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { protocols } from "../../src/registry.js";
import { projectRoot, specDir } from "../project-root.js";
import { specMapMarkdown } from "../spec-map.js";
import { parseArgs } from "./args.js";
import { EnvironmentError, UsageError } from "./usage-error.js";

/** The spec map of every registered protocol. */
export function registrySpecMap(): string {
  return specMapMarkdown(
    protocols.map((p) => ({ module: p.tlaModule, title: p.title, sourceDir: join(projectRoot(), "src", p.name) })),
    specDir(),
  );
}

/** Runs `tla-twin spec-map` and returns the exit code. */
export function runSpecMap(argv: readonly string[]): number {
  const { positionals, flags } = parseArgs(argv, [
    { name: "write", kind: "string", description: "write the Markdown to this file instead of stdout", placeholder: "file" },
  ]);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const markdown = registrySpecMap();
  const target = flags.text("write");
  if (target !== undefined) writeOrExplain(target, markdown);
  else process.stdout.write(markdown);
  return 0;
}

/** Writes `text` to `path`, or throws a {@link UsageError} (no such folder) or an {@link EnvironmentError} that says in one line why it cannot. */
export function writeOrExplain(path: string, text: string): void {
  // A folder that is not there is a mistake in the command (exit 2, as check --out); a write that fails is the environment's.
  if (!existsSync(dirname(resolve(path)))) throw new UsageError(`--write ${path}: the folder ${dirname(resolve(path))} does not exist`);
  try {
    writeFileSync(path, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "EACCES" ? "permission denied" : code === "EISDIR" ? "it is a folder" : (e as Error).message;
    throw new EnvironmentError(`cannot write ${path}: ${why}`);
  }
}
