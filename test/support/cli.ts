/**
 * The built `tla-twin` executable as the CLI tests run it (`npm test`
 * builds dist/ first): its path, and one run's exit code and output.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../../model-check/project-root.js";

/** dist/model-check/cli/bin.js. */
export const cliBin = join(projectRoot(), "dist", "model-check", "cli", "bin.js");

/** What a finished run of the CLI gave. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `tla-twin` with these arguments to the end (in the project root, so relative paths are the repository's). */
export function runCli(args: readonly string[], options: { readonly env?: NodeJS.ProcessEnv } = {}): CliRun {
  const r = spawnSync(process.execPath, [cliBin, ...args], { encoding: "utf8", cwd: projectRoot(), ...(options.env === undefined ? {} : { env: options.env }) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
