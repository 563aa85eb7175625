/**
 * `tla-twin zoo` as a user meets it, through the built executable (npm run
 * build): the Paxos table, JSON rows that say the same, the exit code, and
 * one-line errors with exit code 2.
 */


import { runCli } from "../../support/cli.js";
import { describe, expect, it } from "vitest";
import type { ZooRow } from "../../../model-check/zoo.js";
import { paxos } from "../../../src/paxos/index.js";


const run = (...args: string[]) => runCli(args);

describe("tla-twin zoo --protocol paxos", () => {
  const text = run("zoo", "--protocol", "paxos");
  const json = run("zoo", "--protocol", "paxos", "--json");
  const rows = JSON.parse(json.stdout) as ZooRow[];

  it("exits 0: every Paxos variant is caught on what it breaks, and TLC agrees", () => {
    expect(text.code, text.stdout).toBe(0);
    expect(text.stdout).toContain(`All ${paxos.variants.length} variants caught on the property they name.`);
  });

  it("prints one table row per variant: breaks, found, preset, steps, and TLC's figure", () => {
    const lines = text.stdout.split("\n");
    expect(lines).toContainEqual(expect.stringMatching(/^protocol +variant +breaks +found +preset +steps +time +TLC \(golden\/zoo\.json\)$/));
    expect(rows.map((r) => r.variant)).toEqual(paxos.variants.map((v) => v.name));
    for (const row of rows) {
      const run = row.runs.find((r) => r.violation !== null);
      const tlc = row.tlc;
      const line = lines.find((l) => l.startsWith(`paxos     ${row.variant} `));
      expect(line, row.variant).toBeDefined();
      const cells = line!.split(/ {2,}/);
      const found = run === undefined ? ["none", "-", "-"] : [run.violation!.name, run.preset, String(run.violation!.steps)];
      expect(cells.slice(0, 6)).toEqual(["paxos", row.variant, row.breaks, ...found]);
      const verdict =
        tlc === null
          ? "-"
          : !tlc.ran
            ? "not run"
            : `${tlc.tlc === null ? "no violation" : `invariant ${tlc.tlc.name}, ${tlc.tlc.steps} steps`} (${row.tlcAgrees ? "= twin" : "DIFFERS"})`;
      expect(cells[7]).toBe(verdict);
    }
  });

  it("exits 1 exactly when a row fails, and the JSON rows say the same as the table", () => {
    expect(json.code).toBe(rows.every((r) => r.ok) ? 0 : 1);
    expect(text.code).toBe(json.code);
    for (const row of rows.filter((r) => !r.ok)) {
      for (const problem of row.problems) expect(text.stdout).toContain(`FAILED: ${problem}`);
    }
  });
});

describe("tla-twin zoo, bad usage", () => {
  it.each([
    [["zoo", "--bogus"], /^tla-twin: unknown flag --bogus \(accepted here: --json, --protocol, --all-presets, --quiet\)$/],
    [["zoo", "--protocol", "nosuch"], /^tla-twin: --protocol must be one of twophase, paxos, raft, got "nosuch"$/],
    [["zoo", "--protocol"], /^tla-twin: --protocol needs a value/],
    [["zoo", "paxos"], /^tla-twin: unexpected argument "paxos"/],
  ])("%j: one line on stderr, exit 2", (args, message) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });

  it("lists zoo in the main help", () => {
    expect(run("--help").stdout).toMatch(/^ {2}zoo +run every bug-zoo variant/m);
  });
});
