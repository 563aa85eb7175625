/**
 * `tla-twin check`: exhaustive search of one config, or of every shipped
 * quick config with `--all`.
 *
 * @module
 */
import type { AnyProtocol, Preset } from "../../src/protocol.js";
import { ConfigError, resolveOptions } from "../../src/protocol.js";
import { findProtocol, protocols } from "../../src/registry.js";
import { collisionProbability } from "../fingerprint.js";
import { describeViolation, formatCount, formatSeconds, formatTrace, formatWitnesses, resultToJson } from "../format.js";
import { readManifest } from "../manifest.js";
import { checkShippedPreset, goalsNoQuickPresetDeclares } from "../shipped-check.js";
import { type FlagSpec, describeFlags, parseArgs } from "./args.js";
import { printProgress } from "./progress.js";
import { addTraceFormat, finishTraceOutput, outFlag, planTraceOutput, saveCounterexample, traceFormatFlag, traceOutputHelp } from "./trace-output.js";
import { UsageError } from "./usage-error.js";
import { describePlan, planSearch, planWarning, printSearchOutcome, runPlannedSearch, searchFlags } from "./search-flags.js";

/** Exit codes: 0 no violation, 1 violation (or a mismatch with TLC), 2 bad usage. */
export const exitOk = 0;
export const exitViolation = 1;

const commonFlags: readonly FlagSpec[] = [
  { name: "json", kind: "boolean", description: "print a JSON report instead of text" },
  { name: "quiet", kind: "boolean", description: "no progress line on stderr" },
  { name: "no-deadlock", kind: "boolean", description: "do not report states without enabled actions" },
  ...searchFlags,
  { name: "max-states", kind: "int", description: "stop after this many distinct states", min: 1, max: Number.MAX_SAFE_INTEGER },
  traceFormatFlag,
  outFlag,
];

function protocolFlags(protocol: AnyProtocol): FlagSpec[] {
  return [
    ...protocol.options.map(
      (o): FlagSpec => ({ name: o.flag, kind: "int", description: o.description, min: o.min, max: o.max }),
    ),
    { name: "preset", kind: "choice", description: "a shipped config", choices: protocol.presets.map((p) => p.name) },
    ...(protocol.variants.length > 0
      ? [{ name: "variant", kind: "choice", description: "a bug-zoo variant", choices: protocol.variants.map((v) => v.name) } as const]
      : []),
    ...commonFlags,
  ];
}

/** Help text for `tla-twin check`. */
export function checkHelp(): string {
  const perProtocol = protocols
    .map((p) => `Options of ${p.name}:\n${describeFlags(protocolFlags(p).filter((f) => !commonFlags.includes(f)))}`)
    .join("\n\n");
  return [
    "Usage: tla-twin check <protocol> [options]",
    "       tla-twin check --all [--json] [--quiet]",
    "",
    "Explores every reachable state of the protocol's twin breadth-first (or depth-first,",
    "or along random behaviours with --mode simulate) and checks its invariants.",
    "Exit code 0: no violation; 1: violation found; 2: bad usage.",
    "",
    ...traceOutputHelp,
    "",
    describeFlags(commonFlags),
    "",
    perProtocol,
  ].join("\n");
}

/** Runs `tla-twin check` and returns the exit code. */
export function runCheck(argv: readonly string[]): number {
  if (argv[0] === "--all") return runCheckAll(argv.slice(1));
  const name = argv[0];
  if (name === undefined || name.startsWith("-")) {
    throw new UsageError(`check needs a protocol first (one of ${protocols.map((p) => p.name).join(", ")}) or --all`);
  }
  const protocol = findProtocol(name);
  if (protocol === undefined) {
    throw new UsageError(`unknown protocol "${name}" (known: ${protocols.map((p) => p.name).join(", ")})`);
  }
  const { positionals, flags } = parseArgs(argv.slice(1), protocolFlags(protocol));
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);

  const given: Record<string, number> = {};
  const presetName = flags.get("preset") as string | undefined;
  if (presetName !== undefined) {
    Object.assign(given, protocol.presets.find((p) => p.name === presetName)!.options);
  }
  for (const option of protocol.options) {
    const value = flags.get(option.flag);
    if (typeof value === "number") given[option.flag] = value;
  }
  const variant = flags.get("variant") as string | undefined;
  const options = toUsage(() => resolveOptions(protocol, given));
  const model = toUsage(() => protocol.model(options, variant));
  const json = flags.get("json") === true;
  const quiet = flags.get("quiet") === true || json;
  const traceOutput = planTraceOutput(flags, json);

  const plan = planSearch(flags, model);
  const warning = planWarning(plan);
  if (warning !== undefined) console.error(`tla-twin: warning: ${warning}`);
  if (!json) {
    const label = variant === undefined ? model.configLabel : `${model.configLabel}, variant ${variant}`;
    console.log(`Checking ${protocol.title} (${protocol.name}), ${label}, ${describePlan(plan, model)}`);
  }
  const maxStates = flags.get("max-states") as number | undefined;
  const result = runPlannedSearch(plan, model, { protocol: protocol.name, options, variant }, {
    checkDeadlock: flags.get("no-deadlock") !== true,
    maxStates,
    onProgress: quiet ? undefined : printProgress,
  });
  const saved = saveCounterexample(traceOutput, model, options, variant ?? null, result);
  // Depth-first search and simulation say what they found in their own terms (not "shortest", not "complete").
  if (!json && plan.mode !== "bfs") return finishTraceOutput(saved, json, printSearchOutcome(model, plan, result, maxStates));

  if (json) {
    const report = resultToJson(model, options, variant ?? null, result);
    console.log(JSON.stringify(addTraceFormat(report, model, result.violation, traceOutput, saved), null, 2));
  } else {
    if (result.violation !== null) {
      console.log(describeViolation(result.violation));
      console.log(`Counterexample (${result.violation.trace.steps.length} steps, shortest):`);
      console.log(formatTrace(model, result.violation.trace));
    } else if (result.complete) {
      console.log("No violation found.");
    } else if (maxStates !== undefined && result.distinctStates >= maxStates) {
      console.log(`Stopped after ${formatCount(result.distinctStates)} distinct states (--max-states): no violation so far.`);
    } else {
      // The states of the last level were checked against the invariants but not expanded.
      console.log(
        `No violation within depth ${result.depth}: the invariants hold in every state reached in up to ${result.depth - 1} steps ` +
          `(the states at depth ${result.depth} were not expanded).`,
      );
    }
    for (const line of formatWitnesses(result)) console.log(line);
    const perSecond = result.durationMs > 0 ? Math.round((result.distinctStates * 1000) / result.durationMs) : 0;
    console.log(
      `${formatCount(result.distinctStates)} distinct states, ${formatCount(result.statesGenerated)} states generated, ` +
        `depth ${result.depth}, ${formatSeconds(result.durationMs)} (${formatCount(perSecond)} distinct states/s)`,
    );
    console.log(
      `Fingerprint collision probability (TLC's optimistic estimate): ${collisionProbability(result.distinctStates, result.statesGenerated).toExponential(1)}`,
    );
  }
  return finishTraceOutput(saved, json, result.violation === null ? exitOk : exitViolation);
}

/** Runs every protocol's quick presets and compares each with TLC's recorded counts. */
function runCheckAll(argv: readonly string[]): number {
  const { positionals, flags } = parseArgs(argv, commonFlags.filter((f) => f.name === "json" || f.name === "quiet"));
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const json = flags.get("json") === true;
  const manifest = toUsage(() => readManifest());
  const rows: Record<string, unknown>[] = [];
  let failed = false;
  for (const protocol of protocols) {
    for (const preset of protocol.presets.filter((p: Preset) => p.quick)) {
      const checked = checkShippedPreset(protocol, preset, manifest);
      failed ||= !checked.ok;
      rows.push(checked.row);
      if (!json) for (const line of checked.lines) console.log(line);
    }
    const uncovered = goalsNoQuickPresetDeclares(protocol);
    if (uncovered.length > 0) {
      failed = true;
      rows.push({ protocol: protocol.name, goalsNoQuickPresetWitnesses: uncovered, ok: false });
      if (!json) console.log(`${protocol.name}: NO QUICK CONFIG WITNESSES the goals ${uncovered.join(", ")}`);
    }
  }
  if (json) console.log(JSON.stringify(rows, null, 2));
  else console.log(failed ? "Some checks FAILED." : "All checks passed.");
  return failed ? exitViolation : exitOk;
}

/** Turns a config error into a usage error (exit 2). */
function toUsage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}
