/**
 * The `tla-twin` command. Turns user mistakes into one line on stderr and
 * exit code 2, and every other failure (a bug, a broken environment) into one
 * line and exit code 4; `--debug`, anywhere on the line, adds the stack.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CheckpointError } from "../checkpoint/snapshot.js";
import { projectRoot } from "../project-root.js";
import { checkHelp, runCheck } from "./check-command.js";
import { crossCheckHelp, runCrossCheck } from "./crosscheck-command.js";
import { ExitCode } from "./exit-codes.js";
import { runList } from "./list-command.js";
import { runSpecMap } from "./spec-map-command.js";
import { EnvironmentError, InternalError, UsageError } from "./usage-error.js";
import { runValidate, validateHelp } from "./validate-command.js";
import { runZooCommand, zooHelp } from "./zoo-command.js";

/** A command: what it does in one line, how to run it, its help text. */
interface Command {
  readonly summary: string;
  readonly run: (argv: readonly string[]) => number | Promise<number>;
  readonly help: () => string;
}

const commands: Readonly<Record<string, Command>> = {
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
  validate: { summary: "check that a log of implementation events (NDJSON) is a behaviour of a twin", run: runValidate, help: validateHelp },
  zoo: { summary: "run every bug-zoo variant under the quick presets and show TLC's verdict beside each", run: runZooCommand, help: zooHelp },
};

function mainHelp(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)}${c.summary}`);
  return [
    "Usage: tla-twin <command> [options] [--debug]",
    "",
    "Commands:",
    ...lines,
    "",
    "tla-twin <command> --help shows a command's options.",
    "Exit codes: 0 ok; 1 violation (or figures that differ from TLC's); 2 bad usage;",
    "3 incomplete (a bound, a signal, a memory or time limit); 4 internal or environment error",
    "(--debug prints its stack).",
  ].join("\n");
}

function version(): string {
  return (JSON.parse(readFileSync(join(projectRoot(), "package.json"), "utf8")) as { version: string }).version;
}

/** Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const debug = args.includes("--debug");
  const [name, ...rest] = args.filter((a) => a !== "--debug");
  try {
    if (name === undefined) {
      console.error(mainHelp());
      return ExitCode.usage;
    }
    if (name === "help" || name === "--help" || name === "-h") {
      const topic = name === "help" && rest[0] !== undefined ? commands[rest[0]] : undefined;
      if (name === "help" && rest[0] !== undefined && topic === undefined) {
        throw new UsageError(`no help on "${rest[0]}" (commands: ${Object.keys(commands).join(", ")})`);
      }
      console.log(topic ? topic.help() : mainHelp());
      return ExitCode.ok;
    }
    if (name === "--version") {
      console.log(version());
      return ExitCode.ok;
    }
    const command = commands[name];
    if (command === undefined) {
      throw new UsageError(`unknown command "${name}" (commands: ${Object.keys(commands).join(", ")}; see tla-twin --help)`);
    }
    if (rest.includes("--help") || rest.includes("-h")) {
      console.log(command.help());
      return ExitCode.ok;
    }
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`tla-twin: ${e.message}`);
      return ExitCode.usage;
    }
    // A checkpoint that cannot be read or written: the environment's doing (exit 4) unless the user named the wrong one.
    if (e instanceof CheckpointError) {
      console.error(`tla-twin: ${e.message}`);
      return e.kind === "missing" || e.kind === "mismatch" ? ExitCode.usage : ExitCode.internal;
    }
    return internalFailure(e, debug);
  }
}

/** One line for a failure that is not the user's; its stack with `--debug`. */
function internalFailure(e: unknown, debug: boolean): number {
  const error = e instanceof Error ? e : new Error(String(e));
  const firstLine = error.message.split("\n")[0];
  if (e instanceof EnvironmentError) {
    console.error(`tla-twin: ${firstLine}`);
    return ExitCode.internal;
  }
  const kind = e instanceof InternalError ? "" : `${error.name}: `;
  console.error(`tla-twin: internal error: ${kind}${firstLine}${debug ? "" : " (run again with --debug for the stack)"}`);
  if (debug) console.error(e instanceof InternalError && e.origin ? e.origin : error.stack);
  return ExitCode.internal;
}
