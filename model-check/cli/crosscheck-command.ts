/**
 * `tla-twin crosscheck`: the live cross-checks (a)-(e) of one twin config
 * against TLC (needs Java and tla2tools.jar).
 *
 * SIGINT and SIGTERM stop it cleanly: TLC's process group is ended, the
 * work folder removed, and the report of what ran is printed, marked
 * incomplete (exit code 3). So does the first bound reached: a TLC run or the
 * twin's state graph past `--timeout`, the twin's graph past `--max-states`.
 *
 * @module
 */
import { type AnyProtocol, resolveOptions } from "../../src/protocol.js";
import { protocols } from "../../src/registry.js";
import { chosenOptions } from "./config-flags.js";
import { protocolArgument } from "./protocol-argument.js";
import { StopSignal } from "../stop.js";
import { type CrossCheckSettings, type CrossCheckVerdict, crossCheck, crossCheckVerdict, defaultCrossCheckSettings } from "../tlc/crosscheck.js";
import { formatReport } from "../tlc/report-text.js";
import { findTlcTools } from "../tlc/tools.js";
import { type FlagSpec, describeFlags, parseArgs } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { withSignalsAsStop } from "./signal-stop.js";
import { UsageError } from "./usage-error.js";

const commonFlags: readonly FlagSpec[] = [
  { name: "json", kind: "boolean", description: "print a JSON report instead of the table" },
  { name: "quiet", kind: "boolean", description: "no progress lines on stderr" },
  { name: "workers", kind: "int", description: "TLC workers for the state dump and the trace checks (counting and simulation use 1, to be repeatable)", min: 1, max: 256 },
  {
    name: "timeout",
    kind: "int",
    description: "seconds each TLC run, and the twin's state-graph exploration, may take; the first to run out ends the cross-check, incomplete",
    min: 1,
    max: 7 * 24 * 3600,
  },
  {
    name: "max-states",
    kind: "int",
    description: "distinct states the twin's state graph may hold; a larger one ends the cross-check, incomplete",
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
  },
  { name: "traces", kind: "int", description: "TLC simulation behaviours to replay in the twin", min: 1, max: 100_000 },
  { name: "depth", kind: "int", description: "steps per behaviour, both directions", min: 1, max: 10_000 },
  { name: "seed", kind: "int", description: "seed of TLC's simulation and of the twin's random behaviours", min: 0, max: 2 ** 31 - 1 },
  { name: "behaviours", kind: "int", description: "twin behaviours for TLC to check", min: 1, max: 100_000 },
];

function flagsOf(protocol: AnyProtocol): FlagSpec[] {
  return [
    ...protocol.options.map((o): FlagSpec => ({ name: o.flag, kind: "int", description: o.description, min: o.min, max: o.max })),
    { name: "preset", kind: "choice", description: "a shipped config (checked with its spec/*.cfg)", choices: protocol.presets.map((p) => p.name) },
    ...commonFlags,
  ];
}

/** Help text for `tla-twin crosscheck`. */
export function crossCheckHelp(): string {
  return [
    "Usage: tla-twin crosscheck <protocol> [--<option> N ... | --preset NAME] [options]",
    "       tla-twin crosscheck ./my-protocol.ts [--export NAME] [options]   (a protocol with a TLA+ binding)",
    "",
    "Runs TLC on the protocol's spec and compares it with the twin: (a) counts, (b) reachable",
    "states, (c) transitions, (d) TLC's random behaviours replayed in the twin, (e) the twin's",
    "random behaviours checked by TLC. Needs Java on the PATH and tla2tools.jar (TLA2TOOLS_JAR,",
    "or the cache that npm run tlc:setup fills). SIGINT or SIGTERM stops it: TLC is ended, its",
    "work folder removed, and what ran is reported. Exit code 0: all agree; 1: a check found a",
    "difference; 2: bad usage or TLC missing; 3: incomplete (stopped by --timeout, --max-states",
    "or a signal); 4: TLC or Java failed.",
    "",
    describeFlags(commonFlags),
    "",
    ...protocols.map((p) => `Options of ${p.name}:\n${describeFlags(flagsOf(p).filter((f) => !commonFlags.includes(f)))}`),
  ].join("\n");
}

const exitCodes: Readonly<Record<CrossCheckVerdict, number>> = {
  passed: ExitCode.ok,
  failed: ExitCode.violation,
  incomplete: ExitCode.incomplete,
  "tool-failed": ExitCode.internal,
};

/** Runs `tla-twin crosscheck` and resolves to the exit code. */
export async function runCrossCheck(argv: readonly string[]): Promise<number> {
  const { protocol, rest } = await protocolArgument("crosscheck", argv);
  const { positionals, flags } = parseArgs(rest, flagsOf(protocol));
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);

  const { options, preset: presetName } = chosenOptions(protocol, flags);
  // A config equal to a preset's is checked with that preset's shipped .cfg file.
  const preset =
    presetName ??
    protocol.presets.find((p) => {
      const o = resolveOptions(protocol, p.options);
      return protocol.options.every((x) => o[x.flag] === options[x.flag]);
    })?.name;

  const model = protocol.model(options);
  if (model.tlcModel === undefined) {
    throw new UsageError(`${protocol.name} has no TLA+ binding for TLC to check it against (give its model a \`tla\` entry: module, specDir, cfg; docs/your-protocol.md)`);
  }
  const lookup = findTlcTools();
  if (!lookup.ok) throw new UsageError(lookup.reason);
  const number = (flag: string) => flags.int(flag);
  const settings: CrossCheckSettings = {
    ...defaultCrossCheckSettings,
    workers: number("workers") ?? defaultCrossCheckSettings.workers,
    timeoutMs: (number("timeout") ?? defaultCrossCheckSettings.timeoutMs / 1000) * 1000,
    simulationTraces: number("traces") ?? defaultCrossCheckSettings.simulationTraces,
    simulationDepth: number("depth") ?? defaultCrossCheckSettings.simulationDepth,
    twinBehaviourDepth: number("depth") ?? defaultCrossCheckSettings.twinBehaviourDepth,
    simulationSeed: number("seed") ?? defaultCrossCheckSettings.simulationSeed,
    twinBehaviourSeed: number("seed") ?? defaultCrossCheckSettings.twinBehaviourSeed,
    twinBehaviours: number("behaviours") ?? defaultCrossCheckSettings.twinBehaviours,
    twinMaxStates: number("max-states"),
  };
  const quiet = flags.on("quiet");
  const stop = new StopSignal();
  const report = await withSignalsAsStop(
    stop,
    () =>
      crossCheck(lookup.tools, { protocol, options, preset, model }, settings, {
        stop,
        onProgress: quiet ? undefined : (line) => console.error(`tla-twin crosscheck: ${line}`),
      }),
    (signal, first) =>
      console.error(first ? `tla-twin crosscheck: ${signal}: stopping TLC and removing its work folder` : `tla-twin crosscheck: ${signal}: already stopping`),
  );
  if (flags.on("json")) console.log(JSON.stringify(report, null, 2));
  else console.log(formatReport(report));
  return exitCodes[crossCheckVerdict(report)];
}
