/**
 * `--trace-format` and `--out FILE` of `tla-twin check`: where a
 * counterexample goes besides the report, and in which format.
 *
 * - Text mode: stdout always shows the report with the counterexample as
 *   text. `--out FILE --trace-format itf|tla|json` also writes it to FILE,
 *   and stdout ends with one line saying so. `itf`, `tla` and `json` without
 *   `--out` are refused: printed between the report's lines they would not
 *   be a file any tool can read.
 * - `--json`: the report keeps its fields; `--out` adds `counterexampleFile`;
 *   without `--out`, `--trace-format itf|tla` adds `violation.itf` or
 *   `violation.tla` instead.
 *
 * Formats: `itf` is Apalache's Informal Trace Format, `tla` a module in the
 * layout of TLC's traces that SANY accepts, `json` the report's own trace
 * (`violation` of the `--json` report, with the protocol and config). The
 * folder of FILE must exist (checked before the search, exit 2); a write
 * that fails afterwards is one line on stderr and exit code 4.
 *
 * @module
 */
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type { AnyModel, TwinAction } from "../../src/protocol.js";
import { describeViolation } from "../format.js";
import { resultToJson } from "../trace-formats/json.js";
import type { CheckResult, Violation } from "../result.js";
import { traceToItf } from "../trace-formats/itf.js";
import { traceToTla } from "../trace-formats/tla.js";
import type { FlagSpec, Flags } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { UsageError } from "./usage-error.js";

/** The formats. */
export const traceFormats = ["text", "itf", "tla", "json"] as const;
export type TraceFormat = (typeof traceFormats)[number];

/** The formats a file can be written in. */
type FileFormat = Exclude<TraceFormat, "text">;

/** The flag, for `check`'s flag list. */
export const traceFormatFlag: FlagSpec = {
  name: "trace-format",
  kind: "choice",
  description: "format of the counterexample --out writes: itf (Apalache/Quint JSON), tla (TLC's trace layout), json (the report's trace); text: stdout only",
  choices: traceFormats,
};

/** `--out FILE`, for `check`'s flag list. */
export const outFlag: FlagSpec = {
  name: "out",
  kind: "string",
  description: "write the counterexample to FILE in the --trace-format (itf, tla or json); stdout keeps the report",
  placeholder: "FILE",
};

/** The paragraph of `check --help` on counterexample files. */
export const traceOutputHelp = [
  "A counterexample is printed as text. --out FILE --trace-format itf|tla|json also writes it to FILE",
  "(stdout ends with \"Counterexample written to FILE (FORMAT)\"); itf, tla and json need --out, except",
  "with --json, where itf and tla are added to the report. A FILE that cannot be written: exit code 4.",
];

/** Where the counterexample goes, as the flags ask, checked before the search. */
export interface TraceOutputPlan {
  /** The format asked for (text when none). */
  readonly format: TraceFormat;
  /** `--out`: the path as given, and resolved. */
  readonly out: { readonly given: string; readonly path: string; readonly format: FileFormat } | undefined;
  /** `--json`: report in the JSON report instead of a line. */
  readonly json: boolean;
}

/** Checks `--trace-format` and `--out` against each other and the file system; throws {@link UsageError}. */
export function planTraceOutput(flags: Flags, json: boolean): TraceOutputPlan {
  const format = flags.text<TraceFormat>("trace-format") ?? "text";
  const given = flags.text("out");
  if (given === undefined) {
    if (!json && format !== "text") {
      throw new UsageError(`--trace-format ${format} needs --out FILE (stdout shows the report as text; with --json the report can hold it)`);
    }
    return { format, out: undefined, json };
  }
  if (format === "text") throw new UsageError("--out needs --trace-format itf, tla or json: the format to write FILE in");
  const path = resolve(given);
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`--out ${given}: the folder ${folder} does not exist`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`--out ${given} is a folder; give a file name`);
  // SANY reads a module only from a file of the module's name: the trace module is named after the file.
  if (format === "tla" && tlaModuleNameOf(path) === undefined) {
    throw new UsageError(`--out ${given}: a TLA+ module file is named MODULE.tla, MODULE a letter followed by letters, digits or _ (for example Counterexample.tla)`);
  }
  return { format, out: { given, path, format }, json };
}

/** The module name a TLA+ file at `path` must declare: its base name without `.tla`, if that is an identifier. */
export function tlaModuleNameOf(path: string): string | undefined {
  const name = basename(path).replace(/\.tla$/, "");
  return /^[A-Za-z][A-Za-z0-9_]*$/.test(name) && basename(path).endsWith(".tla") ? name : undefined;
}

function description(model: AnyModel, violation: Violation<unknown, TwinAction>, variant: string | null = null): string {
  const where = [model.protocol, model.configLabel, variant === null ? "" : `variant ${variant}`].filter((part) => part !== "");
  return `Counterexample found by tla-twin check: ${describeViolation(violation)} (${where.join(", ")})`;
}

/** What became of `--out`. */
export interface SavedTrace {
  readonly file: string;
  readonly format: FileFormat;
  /** False when there was no counterexample, or the write failed. */
  readonly written: boolean;
  /** Why the write failed, if it did. */
  readonly error?: string;
}

/** The counterexample as the text of a file in `format`. */
export function counterexampleFileText(
  format: FileFormat,
  model: AnyModel,
  config: Readonly<Record<string, number>>,
  variant: string | null,
  result: CheckResult<unknown, TwinAction>,
  /** The TLA+ module's name (format `tla`): the file's, so that SANY finds it. */
  module?: string,
): string {
  const violation = result.violation!;
  switch (format) {
    case "itf":
      return JSON.stringify(traceToItf(model, violation.trace, description(model, violation, variant)), null, 2) + "\n";
    case "tla":
      return traceToTla(model, violation.trace, description(model, violation, variant), module);
    case "json": {
      const report = resultToJson(model, config, variant, result);
      return JSON.stringify({ protocol: report["protocol"], config: report["config"], variant: report["variant"], violation: report["violation"] }, null, 2) + "\n";
    }
  }
}

/**
 * Writes the counterexample to `--out`'s file, if one is asked for and there
 * is a counterexample. The file appears whole or not at all (written beside
 * it, then renamed), so a reader never meets half a trace.
 */
export function saveCounterexample(
  plan: TraceOutputPlan,
  model: AnyModel,
  config: Readonly<Record<string, number>>,
  variant: string | null,
  result: CheckResult<unknown, TwinAction>,
): SavedTrace | undefined {
  if (plan.out === undefined) return undefined;
  const { given, path, format } = plan.out;
  if (result.violation === null) return { file: given, format, written: false };
  const partial = `${path}.${process.pid}.partial`;
  try {
    writeFileSync(partial, counterexampleFileText(format, model, config, variant, result, tlaModuleNameOf(path)));
    renameSync(partial, path);
    return { file: given, format, written: true };
  } catch (e) {
    rmSync(partial, { force: true });
    return { file: given, format, written: false, error: (e as Error).message };
  }
}

/**
 * Says what became of `--out` (text mode: one line on stdout; a failed
 * write: one line on stderr, in both modes) and returns the exit code:
 * `code`, or 4 when the file could not be written.
 */
export function finishTraceOutput(saved: SavedTrace | undefined, json: boolean, code: number): number {
  if (saved === undefined) return code;
  if (saved.error !== undefined) {
    console.error(`tla-twin: could not write the counterexample to ${saved.file}: ${saved.error}`);
    return ExitCode.internal;
  }
  if (!json) console.log(saved.written ? `Counterexample written to ${saved.file} (${saved.format})` : `No counterexample: ${saved.file} not written.`);
  return code;
}

/**
 * The `--json` report with what the trace flags add: `counterexampleFile`
 * (`file`, `format`, `written`, and `error` when the write failed) for
 * `--out`; without it, `violation.itf` or `violation.tla` for
 * `--trace-format itf|tla`.
 */
export function addTraceFormat(
  report: Record<string, unknown>,
  model: AnyModel,
  violation: Violation<unknown, TwinAction> | null,
  plan: TraceOutputPlan,
  saved: SavedTrace | undefined,
): Record<string, unknown> {
  let out = report;
  if (saved === undefined && violation !== null && (plan.format === "itf" || plan.format === "tla")) {
    const extra = plan.format === "itf" ? traceToItf(model, violation.trace, description(model, violation)) : traceToTla(model, violation.trace, description(model, violation));
    out = { ...out, violation: { ...(out["violation"] as Record<string, unknown>), [plan.format]: extra } };
  }
  return saved === undefined ? out : { ...out, counterexampleFile: saved };
}
