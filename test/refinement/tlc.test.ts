/**
 * TLC confirms what the refinement checks find (skipped, with one line
 * saying why, without Java and tla2tools.jar). Every run uses one worker, so
 * its breadth-first search reports a shortest behaviour; its length in steps
 * is the number of states TLC prints minus one. TLC names an action
 * property it finds violated by where it is written: for `RefinesX == A!Spec`
 * that is the `[][Next]_vars` of the abstract spec's `Spec`.
 *
 * The figures (recorded from these runs, TLC2 2026.12.02, -workers 1):
 *
 *   PaxosRefinesVoting_a3v2b1.cfg: no error; 3921 distinct states, 23839 generated, depth 17 (4 s).
 *   The same with MaxBallot = 2 (not shipped, 3 min): no error; 185369 / 1382794 / 25.
 *   TCommit alone, 3 RMs, -deadlock: 34 / 94 / 7.  Voting alone, a3v2b1, -deadlock: 599 / 3622 / 11.
 *   commit-one-short, PROPERTY RefinesTCommit: action property (TCommit line 34) violated, 7 states = 6 steps.
 *   commit-one-short, invariants only: TCConsistent violated, 8 states = 7 steps.
 *   commit-before-all-prepared, PROPERTY RefinesTCommit: action property violated, 5 states = 4 steps.
 *   shared-promise, PROPERTY RefinesVoting: action property (Voting line 113) violated, 3 states = 2 steps.
 *   shared-promise, MCPaxos_a3v2b1.cfg's invariants only: no error; 25 distinct states, 72 generated.
 *   accept-below-promise with Msg1bConsistent and RefinesVoting: Msg1bConsistent violated, 8 states = 7 steps.
 */
import { tlcModelOf } from "../../src/protocol.js";
import { describe, expect, it } from "vitest";
import { runTlc } from "../../model-check/tlc/tlc-run.js";
import { findTlcTools } from "../../model-check/tlc/tools.js";
import { SpecWorkdir } from "../../model-check/tlc/workdir.js";
import { paxosVariants } from "../../src/paxos/index.js";
import { tcommitTlcConfig } from "../../src/tcommit/index.js";
import { twoPhaseVariants } from "../../src/twophase/index.js";
import { majorities, votingModel } from "../../src/voting/index.js";
import { paxosInvariantsCfg, paxosRefinementCfg, twoPhaseRefinementCfg } from "./tlc-configs.js";

const lookup = findTlcTools();
if (!lookup.ok) console.log(`TLC refinement checks skipped: ${lookup.reason}`);

const twoPhaseVariant = (name: string) => twoPhaseVariants.find((v) => v.name === name)!;
const paxosVariant = (name: string) => paxosVariants.find((v) => v.name === name)!;

describe.skipIf(!lookup.ok)("TLC on the refinements", () => {
  const tools = lookup.ok ? lookup.tools : undefined!;

  /** Runs TLC on `module` with the config text, in a fresh copy of spec/. */
  async function tlc(module: string, cfg: string, extraArgs: string[] = [], modules: Readonly<Record<string, string>> = {}) {
    const workdir = new SpecWorkdir();
    try {
      for (const [file, text] of Object.entries(modules)) workdir.write(file, text);
      const name = workdir.write("Refinement_check.cfg", cfg);
      const outcome = await runTlc(tools, workdir, { module, cfg: name, workers: 1, timeoutMs: 300_000, extraArgs });
      expect(outcome.failure, outcome.failure).toBeUndefined();
      return outcome.report;
    } finally {
      workdir.remove();
    }
  }

  it("Paxos refines Voting with 3 acceptors, 2 values, ballots 0..1 (spec/PaxosRefinesVoting_a3v2b1.cfg)", async () => {
    const report = await tlc("PaxosRefinesVoting", paxosRefinementCfg());
    expect(report.noErrorFound).toBe(true);
    expect([report.counts?.distinctStates, report.counts?.statesGenerated, report.depth]).toEqual([3921, 23839, 17]);
  });

  it("the abstract twins count as TLC does: TCommit with 3 RMs, Voting a3v2b1", async () => {
    const tc = await tlc("TCommit", tcommitTlcConfig(3), ["-deadlock"]);
    expect([tc.counts?.distinctStates, tc.counts?.statesGenerated, tc.depth]).toEqual([34, 94, 7]);
    const voting = tlcModelOf(votingModel({ acceptorCount: 3, valueCount: 2, maxBallot: 1, quorums: majorities(3) }));
    const v = await tlc(voting.module, voting.cfg, ["-deadlock"]);
    expect(v.noErrorFound).toBe(true);
    expect([v.counts?.distinctStates, v.counts?.statesGenerated, v.depth]).toEqual([599, 3622, 11]);
  });

  it.each([
    // [variant, steps the twin reports (variants.test.ts)]
    ["commit-one-short", 6],
    ["commit-before-all-prepared", 4],
  ])("2PC variant %s breaks RefinesTCommit after %i steps, as the twin finds", async (name, steps) => {
    const variant = twoPhaseVariant(name);
    const report = await tlc(variant.tlaVariant!.module, twoPhaseRefinementCfg(3, variant));
    expect(report.violation?.kind).toBe("action-property");
    expect(report.violation?.name).toContain("of module TCommit");
    expect(report.violation!.trace.length - 1).toBe(steps);
  });

  it("commit-one-short breaks TCConsistent one step later when only the invariants are checked", async () => {
    const variant = twoPhaseVariant("commit-one-short");
    const report = await tlc(variant.tlaVariant!.module, twoPhaseRefinementCfg(3, variant, false));
    expect(report.violation).toMatchObject({ kind: "invariant", name: "TCConsistent" });
    expect(report.violation!.trace.length - 1).toBe(7);
  });

  it("Paxos variant shared-promise breaks RefinesVoting after 2 steps, as the twin finds, and no invariant", async () => {
    const variant = paxosVariant("shared-promise");
    // The variant's module extends MCPaxos only (as every zoo module extends its preset's root);
    // a root module that extends it and PaxosRefinesVoting has both the operator and the property.
    const root = `---- MODULE SharedPromiseRefinesVoting ----\nEXTENDS ${variant.tlaVariant!.module}, PaxosRefinesVoting\n====\n`;
    const refinement = await tlc("SharedPromiseRefinesVoting", paxosRefinementCfg(variant), [], { "SharedPromiseRefinesVoting.tla": root });
    expect(refinement.violation?.kind).toBe("action-property");
    expect(refinement.violation?.name).toContain("of module Voting");
    expect(refinement.violation!.trace.length - 1).toBe(2);
    const invariants = await tlc(variant.tlaVariant!.module, paxosInvariantsCfg(variant));
    expect(invariants.noErrorFound).toBe(true);
    expect([invariants.counts?.distinctStates, invariants.counts?.statesGenerated]).toEqual([25, 72]);
  });

  it("accept-below-promise: on the step that breaks both, TLC names the invariant (the twin names the refinement)", async () => {
    const variant = paxosVariant("accept-below-promise");
    // PaxosZoo has the variant's operator, PaxosRefinesVoting the property: one root module for both.
    const root = "---- MODULE PaxosZooRefinesVoting ----\nEXTENDS PaxosZoo, PaxosRefinesVoting\n====\n";
    const cfg = paxosRefinementCfg(variant).replace("INVARIANT TypeOK", "INVARIANT TypeOK\nINVARIANT Msg1bConsistent");
    const report = await tlc("PaxosZooRefinesVoting", cfg, [], { "PaxosZooRefinesVoting.tla": root });
    expect(report.violation).toMatchObject({ kind: "invariant", name: "Msg1bConsistent" });
    expect(report.violation!.trace.length - 1).toBe(7);
  });
});
