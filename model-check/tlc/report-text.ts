/**
 * Cross-check reports as a short table for people.
 *
 * @module
 */
import type { CheckOutcome } from "./compare.js";
import { type CrossCheckReport, crossCheckVerdict } from "./crosscheck.js";

/** The checks as a table, then the details of each failed one. */
export function formatChecks(checks: readonly CheckOutcome[]): string {
  const result = (c: CheckOutcome) => (c.ok ? "ok" : c.stoppedBy !== undefined ? "STOPPED" : "FAILED");
  const rows = checks.map((c) => [`${c.id}.`, c.title, c.tlc, c.twin, result(c)]);
  const header = ["", "check", "TLC", "twin", "result"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  const lines = [line(header), ...rows.map(line)];
  for (const c of checks.filter((c) => !c.ok)) {
    lines.push("", `${c.id}. ${c.title}: ${result(c)}`);
    for (const d of c.details) lines.push(`  ${d.replace(/\n/g, "\n  ")}`);
  }
  return lines.join("\n");
}

/** A whole report: what was checked against which TLC, the table, and the verdict. */
export function formatReport(report: CrossCheckReport): string {
  const times = Object.entries(report.timingsMs)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
    .join(", ");
  return [
    `Cross-check of ${[report.protocol, report.preset ?? report.config, report.config === "" ? "" : `(${report.config})`].filter((part) => part !== "").join(" ")} against TLC on ${report.module}.tla with ${report.cfg}`,
    `TLC: ${report.tlcVersion ?? "(version unknown)"}`,
    formatChecks(report.checks),
    `Times: ${times}`,
    verdictLine(report),
  ].join("\n");
}

function verdictLine(report: CrossCheckReport): string {
  switch (crossCheckVerdict(report)) {
    case "passed":
      return "Cross-check passed.";
    case "failed":
      return "Cross-check FAILED.";
    case "tool-failed":
      return "Cross-check FAILED: TLC or Java failed (see the checks above); nothing was compared there.";
    case "incomplete":
      return `Cross-check INCOMPLETE: stopped (${report.stoppedBy ?? "?"}); the checks marked STOPPED were not decided, and none that ran found a difference.`;
  }
}
