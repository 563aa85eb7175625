/**
 * `tla-twin zoo`: every bug-zoo variant under the quick presets of its
 * protocol (model-check/zoo.ts does the work), as a table or as JSON.
 * Exit code 0 when every variant is caught on the property it names, or is
 * known not to be caught by a quick preset; 1 otherwise; 2 for bad usage.
 *
 * @module
 */
import { findProtocol, protocols } from "../../src/registry.js";
import { formatCount, formatSeconds } from "../format.js";
import { type ZooRow, describeZooViolation, runZoo, zooGoldenCommand } from "../zoo.js";
import { type FlagSpec, describeFlags, parseArgs } from "./args.js";
import { ExitCode } from "./exit-codes.js";
import { UsageError } from "./usage-error.js";

const zooFlags: readonly FlagSpec[] = [
  { name: "json", kind: "boolean", description: "print the rows as JSON instead of a table" },
  { name: "protocol", kind: "choice", description: "only this protocol's variants", choices: protocols.map((p) => p.name) },
  { name: "all-presets", kind: "boolean", description: "run every quick preset, not only until one catches the variant" },
  { name: "quiet", kind: "boolean", description: "no progress lines on stderr" },
];

/** Help text for `tla-twin zoo`. */
export function zooHelp(): string {
  return [
    "Usage: tla-twin zoo [--json] [--protocol P] [--all-presets] [--quiet]",
    "",
    "Searches every bug-zoo variant breadth-first under the quick presets of its protocol,",
    "each search stopping at its first violation, and a variant's presets stopping at the",
    "first that catches it. Shows beside each the verdict TLC gave on the variant's TLA+",
    `version (golden/zoo.json, written by ${zooGoldenCommand}).`,
    "Exit code 0: every variant caught on the property it names, or known to need bigger",
    "bounds; 1: a variant uncaught, caught on another property, or TLC disagrees; 2: bad usage.",
    "",
    describeFlags(zooFlags),
  ].join("\n");
}

/** Runs `tla-twin zoo` and returns the exit code. */
export function runZooCommand(argv: readonly string[]): number {
  const { positionals, flags } = parseArgs(argv, zooFlags);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (zoo takes only flags; see tla-twin zoo --help)`);
  const name = flags.text("protocol");
  const chosen = name === undefined ? protocols : [findProtocol(name)!];
  const json = flags.on("json");
  const quiet = flags.on("quiet") || json || !process.stderr.isTTY;
  const rows = runZoo({
    protocols: chosen,
    allPresets: flags.on("all-presets"),
    onRun: quiet ? undefined : (protocol, variant, preset) => process.stderr.write(`tla-twin: ${protocol} ${variant} under ${preset}...\n`),
  });
  if (json) console.log(JSON.stringify(rows, null, 2));
  else for (const line of zooTable(rows, flags.on("all-presets"))) console.log(line);
  return rows.every((r) => r.ok) ? ExitCode.ok : ExitCode.violation;
}

/** TLC's recorded verdict in one cell. */
function tlcCell(row: ZooRow): string {
  const entry = row.tlc;
  if (entry === null) return "-";
  if (!entry.ran) return "not run";
  const verdict = entry.tlc === null ? "no violation" : describeZooViolation(entry.tlc);
  return `${verdict}${row.tlcAgrees === true ? " (= twin)" : " (DIFFERS)"}`;
}

/** The table, then a verdict line. */
export function zooTable(rows: readonly ZooRow[], allPresets: boolean): string[] {
  const cells = rows.map((row) => {
    const caught = row.runs.find((r) => r.preset === row.caughtBy) ?? row.runs.find((r) => r.violation !== null);
    return [
      row.protocol,
      row.variant,
      row.breaks,
      caught?.violation == null ? "none" : (caught.violation.name ?? "deadlock"),
      caught?.preset ?? "-",
      caught?.violation == null ? "-" : String(caught.violation.steps),
      formatSeconds(caught === undefined ? row.runs.reduce((ms, r) => ms + r.durationMs, 0) : caught.durationMs),
      tlcCell(row),
    ];
  });
  const header = ["protocol", "variant", "breaks", "found", "preset", "steps", "time", "TLC (golden/zoo.json)"];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const right = new Set([5, 6]);
  const format = (c: readonly string[]) =>
    c
      .map((text, i) => (i === c.length - 1 ? text : right.has(i) ? text.padStart(widths[i]!) : text.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const lines = [
    allPresets
      ? "Bug zoo: every variant under every quick preset of its protocol, breadth-first, each search to its first violation."
      : "Bug zoo: every variant under the quick presets of its protocol, breadth-first, until one preset catches it.",
    "",
    format(header),
  ];
  rows.forEach((row, i) => {
    lines.push(format(cells[i]!));
    const indent = "    ";
    const shown = row.runs.find((r) => r.preset === row.caughtBy) ?? row.runs.find((r) => r.violation !== null);
    const others = row.runs.filter((r) => r !== shown);
    if (others.length > 0) {
      const text = others.map((r) =>
        `${r.preset}${r.symmetry ? " (symmetry)" : ""}: ${r.violation === null ? "no violation" : describeZooViolation(r.violation)}, ` +
          `${formatCount(r.distinctStates)} states, ${formatSeconds(r.durationMs)}`,
      );
      lines.push(`${indent}${shown === undefined ? "ran" : "also ran"}: ${text.join("; ")}`);
    }
    if (row.verdict === "known-uncaught") lines.push(`${indent}not caught by a quick preset, as its definition says: ${row.uncaughtReason}`);
    if (row.caughtBy === null) lines.push(`${indent}shown by: ${row.command}`);
    for (const problem of row.problems) lines.push(`${indent}FAILED: ${problem}`);
    for (const note of row.notes) lines.push(`${indent}note: ${note}`);
  });
  lines.push("");
  const failed = rows.filter((r) => !r.ok);
  const known = rows.filter((r) => r.verdict === "known-uncaught").length;
  lines.push(
    failed.length === 0
      ? `All ${rows.length} variants caught on the property they name${known > 0 ? ` (${known} known to need bigger bounds)` : ""}.`
      : `Zoo FAILED: ${failed.map((r) => `${r.protocol} ${r.variant}`).join(", ")}.`,
  );
  return lines;
}
