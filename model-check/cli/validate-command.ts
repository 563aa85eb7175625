/**
 * `tla-twin validate`: does a log of an implementation's events (NDJSON, see
 * docs/log-validation.md) describe a behaviour of the twin?
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { EventFormatError, eventsOf } from "../conformance/events.js";
import { type LogValidation, validateLog } from "../conformance/validate-log.js";
import { type FlagSpec, describeFlags, parseArgs } from "./args.js";
import { chosenConfig, configFlags } from "./config-flags.js";
import { ExitCode } from "./exit-codes.js";
import { protocolArgument } from "./protocol-argument.js";
import { UsageError } from "./usage-error.js";

const validateFlags: readonly FlagSpec[] = [{ name: "json", kind: "boolean", description: "print the result as JSON" }];

/** Help text for `tla-twin validate`. */
export function validateHelp(): string {
  return [
    "Usage: tla-twin validate <protocol> [--<option> N | --preset P] [--variant V] events.ndjson [--json]",
    "       tla-twin validate ./my-protocol.ts [--export NAME] [options] events.ndjson [--json]",
    "",
    "Replays a log of implementation events, one JSON object a line",
    '({"action": "RMPrepare", "params": {"r": "r1"}, "observed": {...}}; docs/log-validation.md),',
    "in the protocol's twin, keeping every twin state consistent with the log so far.",
    "Exit code 0: some behaviour of the twin explains the whole log; 1: the log is rejected",
    "(the line no twin state explains, and the steps the twin could take there); 2: bad usage",
    "or a line that is not an event.",
    "",
    describeFlags(validateFlags),
    "Protocol options as in tla-twin check (tla-twin check --help).",
  ].join("\n");
}

function readLog(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function textReport(path: string, result: LogValidation): string {
  if (result.valid) return `${path}: valid, ${result.events} events explained (at most ${result.peakStates} twin states consistent at once)`;
  const { line, event, possible } = result.rejected;
  return [
    `${path}:${line}: rejected: no twin state consistent with the ${result.events} events before explains`,
    `  ${event.text}`,
    `The twin could take: ${possible.length === 0 ? "no step (every consistent state is a deadlock)" : possible.join(", ")}`,
  ].join("\n");
}

function jsonReport(path: string, result: LogValidation): unknown {
  if (result.valid) return { log: path, ...result };
  const { index, line, event, possible } = result.rejected;
  return { log: path, valid: false, events: result.events, peakStates: result.peakStates, rejected: { index, line, event: JSON.parse(event.text), possible } };
}

/** Runs `tla-twin validate` and returns the exit code. */
export async function runValidate(argv: readonly string[]): Promise<number> {
  const { protocol, rest } = await protocolArgument("validate", argv);
  const { positionals, flags } = parseArgs(rest, [...configFlags(protocol), ...validateFlags]);
  if (positionals.length === 0) throw new UsageError("validate needs the log to check: a file of events, one JSON object a line");
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}" (validate checks one log)`);
  const path = positionals[0]!;
  const { model } = chosenConfig(protocol, flags);
  let result: LogValidation;
  try {
    result = validateLog(model, eventsOf(readLog(path)));
  } catch (e) {
    if (e instanceof EventFormatError) throw new UsageError(`${path}: ${e.message}`);
    throw e;
  }
  console.log(flags.on("json") ? JSON.stringify(jsonReport(path, result), null, 2) : textReport(path, result));
  return result.valid ? ExitCode.ok : ExitCode.violation;
}
