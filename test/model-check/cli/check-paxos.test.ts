/**
 * `tla-twin check paxos` as a user meets it: the built executable, its
 * options with their ranges, presets and variants; one-line errors with
 * exit code 2 for bad values.
 */


import { runCli } from "../../support/cli.js";
import { describe, expect, it } from "vitest";
import { manifestEntry, readManifest } from "../../../model-check/manifest.js";
import { paxosModel, paxosVariants } from "../../../src/paxos/index.js";


const run = (...args: string[]) => runCli(args);

describe("tla-twin check paxos", () => {
  it("checks 3 acceptors, 2 values, MaxBallot 1 and reports TLC's figures", () => {
    const r = run("check", "paxos", "--acceptors", "3", "--values", "2", "--max-ballot", "1", "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    // TLC's figures for MCPaxos_a3v2b1.cfg, read from spec/manifest.json.
    const tlc = manifestEntry(readManifest(), "paxos", "a3v2b1")!.tlc;
    expect(report).toMatchObject({ protocol: "paxos", config: { acceptors: 3, values: 2, "max-ballot": 1 }, violation: null, ...tlc });
  });

  it("uses the defaults 3 acceptors, 2 values, MaxBallot 1, and accepts presets", () => {
    const defaults = JSON.parse(run("check", "paxos", "--json").stdout);
    expect(defaults.config).toEqual({ acceptors: 3, values: 2, "max-ballot": 1 });
    const preset = JSON.parse(run("check", "paxos", "--preset", "a3v2b1", "--json").stdout);
    expect(preset.distinctStates).toBe(defaults.distinctStates);
  });

  it("prints a readable counterexample and exits 1 for each variant", () => {
    // A variant named after the refinement (shared-promise, which breaks no invariant) is
    // searched with --refinement; the others as before, without it, on their invariants.
    const refinement = paxosModel({ acceptorCount: 3, valueCount: 2, maxBallot: 1 }).refinement!.name;
    for (const variant of paxosVariants) {
      const byRefinement = variant.breaks === refinement;
      const r = run("check", "paxos", "--variant", variant.name, ...(byRefinement ? ["--refinement"] : []), "--quiet");
      expect(r.code, variant.name).toBe(1);
      expect(r.stdout).toContain(`variant ${variant.name}`);
      expect(r.stdout).toContain(byRefinement ? `Action property ${variant.breaks} is violated.` : `Invariant ${variant.breaks} is violated.`);
      expect(r.stdout).toMatch(/ 1\. Phase1a\(\d\)/);
    }
  });

  it("reports a variant named after the refinement as that action property: the claim is checked for it, and the CLI says so", () => {
    const refinement = paxosModel({ acceptorCount: 3, valueCount: 2, maxBallot: 1 }).refinement!.name;
    const variants = paxosVariants.filter((v) => v.breaks === refinement);
    expect(variants.map((v) => v.name)).toEqual(["shared-promise"]);
    for (const variant of variants) {
      const checked = run("check", "paxos", "--variant", variant.name, "--refinement", "--json");
      expect(checked.code).toBe(1);
      expect(JSON.parse(checked.stdout).violation).toMatchObject({ kind: "action-property", name: refinement });
      // Without the flag the claim is checked all the same (a plain check of this variant would pass with exit 0), with a line on stderr.
      const unflagged = run("check", "paxos", "--variant", variant.name, "--json");
      expect(unflagged.code).toBe(1);
      expect(JSON.parse(unflagged.stdout).violation).toMatchObject({ kind: "action-property", name: refinement });
      expect(unflagged.stderr.trim()).toBe(`tla-twin: checking ${refinement} too (as --refinement does): variant ${variant.name} breaks it`);
    }
  });

  it.each([
    [["--acceptors", "0"], /--acceptors must be an integer from 1 to 7 .*got "0"/],
    [["--acceptors", "8"], /--acceptors must be an integer from 1 to 7 .*got "8"/],
    [["--acceptors", "x"], /--acceptors must be an integer from 1 to 7 .*got "x"/],
    [["--values", "0"], /--values must be an integer from 1 to 3 .*got "0"/],
    [["--values", "4"], /--values must be an integer from 1 to 3/],
    [["--max-ballot", "-1"], /--max-ballot must be an integer from 0 to 4 .*got "-1"/],
    [["--max-ballot", "5"], /--max-ballot must be an integer from 0 to 4/],
    [["--max-ballot", "1.5"], /--max-ballot must be an integer from 0 to 4 .*got "1.5"/],
    [["--acceptors"], /--acceptors needs a value/],
    [["--rm", "3"], /unknown flag --rm \(accepted here: --acceptors, --values, --max-ballot/],
    [["--variant", "nope"], /--variant must be one of accept-below-promise, /],
    [["--preset", "nope"], /--preset must be one of a3v2b1, a3v2b2, a5v2b1/],
  ])("rejects %j with one clear line and exit code 2", (args, message) => {
    const r = run("check", "paxos", ...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});

describe("tla-twin list", () => {
  it("shows Paxos's options, presets and variants", () => {
    const r = run("list");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("paxos: Single-decree Paxos (spec/Paxos.tla)");
    expect(r.stdout).toContain("--acceptors 1..7, default 3");
    expect(r.stdout).toContain("--max-ballot 0..4, default 1");
    expect(r.stdout).toContain("preset a3v2b1: --acceptors 3 --values 2 --max-ballot 1 (in npm run check)");
    for (const variant of paxosVariants) expect(r.stdout).toContain(`variant ${variant.name}: `);
  });
});
