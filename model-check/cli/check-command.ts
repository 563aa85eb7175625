/**
 * `tla-twin check`: exhaustive search of one config, or of every shipped
 * quick config with `--all`.
 *
 * @module
 */
import { match } from "ts-pattern";
import type { AnyProtocol, Preset } from "../../src/protocol.js";
import { protocols } from "../../src/registry.js";
import { defaultContractSample } from "../contract-check.js";
import { type Manifest, ManifestError, readManifest } from "../manifest.js";
import { checkShippedPreset, goalsNoQuickPresetDeclares } from "../shipped-check.js";
import { type FlagSpec, describeFlags, parseArgs } from "./args.js";
import { chosenConfig, configFlags } from "./config-flags.js";
import { abandonedJsonReport, abandonedTextReport, exitCodeOf, exitCodeOfStop, jsonReport, textReport } from "./check-report.js";
import { ExitCode } from "./exit-codes.js";
import { availableMemory, defaultMaxMemory, formatSize, parseMemoryFlag } from "./memory-limit.js";
import { progressPrinter } from "./progress.js";
import { protocolArgument } from "./protocol-argument.js";
import { hostSearch } from "./search-host.js";
import { finishTraceOutput, outFlag, planTraceOutput, saveCounterexample, traceFormatFlag, traceOutputHelp } from "./trace-output.js";
import { EnvironmentError, InternalError, UsageError } from "./usage-error.js";
import { describePlan, describeResume, planSearch, planWarning, searchFlags } from "./search-flags.js";

const commonFlags: readonly FlagSpec[] = [
  { name: "json", kind: "boolean", description: "print a JSON report instead of text" },
  { name: "quiet", kind: "boolean", description: "no progress line on stderr" },
  { name: "no-deadlock", kind: "boolean", description: "do not report states without enabled actions" },
  ...searchFlags,
  { name: "max-states", kind: "int", description: "stop after this many distinct states (exit 3 unless --allow-incomplete)", min: 1, max: Number.MAX_SAFE_INTEGER },
  {
    name: "max-memory",
    kind: "string",
    description: `stop with a partial report when the process's memory passes SIZE (default ${formatSize(defaultMaxMemory())}, 80% of this machine's)`,
    placeholder: "SIZE",
  },
  {
    name: "no-contract-check",
    kind: "boolean",
    description: `skip the check of the model's contract (codec, step, no mutation) on its first ${defaultContractSample} states`,
  },
  { name: "allow-incomplete", kind: "boolean", description: "exit 0, not 3, when --max-states or --max-memory stops the search" },
  traceFormatFlag,
  outFlag,
];

function protocolFlags(protocol: AnyProtocol): FlagSpec[] {
  return [...configFlags(protocol), ...commonFlags];
}

/** Help text for `tla-twin check`. */
export function checkHelp(): string {
  const perProtocol = protocols
    .map((p) => `Options of ${p.name}:\n${describeFlags(protocolFlags(p).filter((f) => !commonFlags.includes(f)))}`)
    .join("\n\n");
  return [
    "Usage: tla-twin check <protocol> [options]",
    "       tla-twin check ./my-protocol.ts [--export NAME] [options]",
    "       tla-twin check --all [--json] [--quiet]",
    "",
    "Explores every reachable state of the protocol's twin breadth-first (or depth-first,",
    "or along random behaviours with --mode simulate) and checks its invariants.",
    "Exit code 0: no violation (complete, or bounded by --depth as asked); 1: violation found;",
    "2: bad usage; 3: incomplete (--max-states, --max-memory, a signal; see --allow-incomplete);",
    "4: internal or environment error. Ctrl-C stops the search with a partial report.",
    "",
    ...traceOutputHelp,
    "",
    describeFlags(commonFlags),
    "",
    perProtocol,
  ].join("\n");
}

/** Runs `tla-twin check` and returns the exit code. */
export async function runCheck(argv: readonly string[]): Promise<number> {
  if (argv[0] === "--all") return runCheckAll(argv.slice(1));
  const { protocol, origin, rest } = await protocolArgument("check", argv);
  const { positionals, flags } = parseArgs(rest, protocolFlags(protocol));
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);

  const { options, variant, model } = chosenConfig(protocol, flags);
  const json = flags.on("json");
  const quiet = flags.on("quiet") || json;
  const traceOutput = planTraceOutput(flags, json);
  const maxMemoryText = flags.text("max-memory");
  const maxMemoryBytes = maxMemoryText === undefined ? defaultMaxMemory() : parseMemoryFlag(maxMemoryText);
  if (maxMemoryBytes > availableMemory()) {
    console.error(`tla-twin: warning: --max-memory ${maxMemoryText} is more than this machine has (${formatSize(availableMemory())}); a search may fail before it reaches the limit`);
  }

  const source = { protocol: protocol.name, options, ...(variant === undefined ? {} : { variant }), ...origin };
  let plan = planSearch(flags, model, source);
  // A variant that breaks the refinement claim shows only when the claim is checked: check it, and say so.
  const breaks = protocol.variants.find((v) => v.name === variant)?.breaks;
  if (!plan.refinement && model.refinement !== undefined && breaks === model.refinement.name) {
    plan = { ...plan, refinement: true };
    console.error(`tla-twin: checking ${breaks} too (as --refinement does): variant ${variant} breaks it`);
  }
  const warning = planWarning(plan);
  if (warning !== undefined) console.error(`tla-twin: warning: ${warning}`);
  if (!json) {
    const label = [model.configLabel, variant === undefined ? "" : `variant ${variant}`, describePlan(plan, model)].filter((part) => part !== "");
    console.log(`Checking ${protocol.title} (${protocol.name}), ${label.join(", ")}`);
    const resumed = describeResume(plan);
    if (resumed !== undefined) console.log(resumed);
  }
  const maxStates = flags.int("max-states");
  const allowIncomplete = flags.on("allow-incomplete");
  const outcome = await hostSearch(
    // The contract check runs on the search's thread, so that a signal during it is heard.
    { plan, source, checkDeadlock: !flags.on("no-deadlock"), maxStates, contractCheck: !flags.on("no-contract-check") },
    { onProgress: quiet ? undefined : progressPrinter(plan.mode), maxMemoryBytes, notice: (line) => console.error(`tla-twin: ${line}`) },
  );
  // One outcome each, matched exhaustively: a new kind of outcome fails to compile until it is reported.
  return match(outcome)
    .with({ kind: "breach" }, ({ breach }): never => {
      // A model that breaks its contract gives wrong answers silently: it is refused before the search.
      throw new UsageError(`the model breaks its contract (${breach.rule}): ${breach.message}; for example in ${breach.example} (--no-contract-check skips this check)`);
    })
    .with({ kind: "error" }, (error): never => {
      // A snapshot that cannot be read or written while the search runs is the environment's doing, told in one line.
      if (error.name === "CheckpointError") throw new EnvironmentError(error.message);
      // A value outside the model's schema is the model's mistake: one line, like a breach of its contract.
      if (error.name === "SchemaError") throw new UsageError(`the model made a value outside its schema: ${error.message}`);
      throw new InternalError(`the search failed: ${error.name}: ${error.message}`, error.stack);
    })
    .with({ kind: "abandoned" }, ({ reason, detail, last }) => {
      const abandoned = { model, config: options, variant: variant ?? null, reason, detail, last };
      if (json) console.log(JSON.stringify(abandonedJsonReport(abandoned), null, 2));
      else for (const line of abandonedTextReport(abandoned)) console.log(line);
      return exitCodeOfStop(reason, allowIncomplete);
    })
    .with({ kind: "result" }, ({ result }) => {
      const saved = saveCounterexample(traceOutput, model, options, variant ?? null, result);
      const report = { model, config: options, variant: variant ?? null, plan, result, maxStates, traceOutput, saved, allowIncomplete };
      const unseen = result.violation === null && variant !== undefined ? variantNotShownHere(protocol, variant, options, origin.module ?? protocol.name) : undefined;
      if (json) console.log(JSON.stringify({ ...jsonReport(report), ...(unseen === undefined ? {} : { variantNote: unseen }) }, null, 2));
      else for (const line of [...textReport(report), ...(unseen === undefined ? [] : [unseen])]) console.log(line);
      return finishTraceOutput(saved, json, exitCodeOf(result, allowIncomplete));
    })
    .exhaustive();
}

/**
 * For a variant that shows only under bounds of its own (`exhibitedWith`),
 * the line that says so and how to run it there; a search under smaller
 * bounds finding nothing is what the zoo expects, not a sign of a fix.
 */
function variantNotShownHere(protocol: AnyProtocol, variant: string, options: Readonly<Record<string, number>>, named: string): string | undefined {
  const info = protocol.variants.find((v) => v.name === variant);
  if (info?.exhibitedWith === undefined) return undefined;
  if (Object.entries(info.exhibitedWith).every(([flag, value]) => options[flag] === value)) return undefined;
  const flags = Object.entries(info.exhibitedWith).map(([flag, value]) => `--${flag} ${value}`).join(" ");
  return `Variant ${variant} is known to break ${info.breaks} only under larger bounds: run tla-twin check ${named} --variant ${variant} ${flags}`;
}

/** Runs every protocol's quick presets and compares each with TLC's recorded counts. */
function runCheckAll(argv: readonly string[]): number {
  const { positionals, flags } = parseArgs(argv, commonFlags.filter((f) => f.name === "json" || f.name === "quiet"));
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const json = flags.on("json");
  let manifest: Manifest;
  try {
    manifest = readManifest();
  } catch (e) {
    if (e instanceof ManifestError) throw new EnvironmentError(e.message);
    throw e;
  }
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
  return failed ? ExitCode.violation : ExitCode.ok;
}
