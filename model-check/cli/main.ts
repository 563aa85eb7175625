/**
 * The `tla-twin` command. Turns user mistakes into one line on stderr and
 * exit code 2; anything else that escapes is a bug and keeps its stack.
 *
 * Commands may be asynchronous (`crosscheck` waits for TLC without blocking
 * its thread, so that it can react to signals), so {@link main} returns a
 * promise of the exit code.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../project-root.js";
import { checkHelp, runCheck } from "./check-command.js";
import { crossCheckHelp, runCrossCheck } from "./crosscheck-command.js";
import { runList } from "./list-command.js";
import { runSpecMap } from "./spec-map-command.js";
import { UsageError } from "./usage-error.js";
import { runZooCommand, zooHelp } from "./zoo-command.js";

const exitUsage = 2;

const commands: Readonly<Record<string, { summary: string; run: (argv: readonly string[]) => number | Promise<number>; help: () => string }>> = {
  check: { summary: "exhaustively check a protocol's twin", run: runCheck, help: checkHelp },
  crosscheck: { summary: "cross-check a twin against TLC runs of its spec (needs Java and TLC)", run: runCrossCheck, help: crossCheckHelp },
  list: {
    summary: "list protocols, options, shipped configs and bug-zoo variants",
    run: runList,
    help: () => "Usage: tla-twin list [--json]",
  },
  "spec-map": {
    summary: "print the map from TLA+ operators to twin functions (Markdown)",
    run: runSpecMap,
    help: () => "Usage: tla-twin spec-map [--write FILE]",
  },
  zoo: { summary: "run every bug-zoo variant under the quick presets and show TLC's verdict beside each", run: runZooCommand, help: zooHelp },
};

function mainHelp(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)}${c.summary}`);
  return ["Usage: tla-twin <command> [options]", "", "Commands:", ...lines, "", "tla-twin <command> --help shows a command's options."].join("\n");
}

function version(): string {
  return (JSON.parse(readFileSync(join(projectRoot(), "package.json"), "utf8")) as { version: string }).version;
}

/** Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === "help" || name === "--help" || name === "-h") {
      const topic = name === "help" && rest[0] !== undefined ? commands[rest[0]] : undefined;
      console.log(topic ? topic.help() : mainHelp());
      return 0;
    }
    if (name === "--version") {
      console.log(version());
      return 0;
    }
    const command = commands[name];
    if (command === undefined) {
      throw new UsageError(`unknown command "${name}" (commands: ${Object.keys(commands).join(", ")}; see tla-twin --help)`);
    }
    if (rest.includes("--help") || rest.includes("-h")) {
      console.log(command.help());
      return 0;
    }
    // Awaited here, so that a usage error thrown by an asynchronous command is caught below.
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`tla-twin: ${e.message}`);
      return exitUsage;
    }
    throw e;
  }
}
