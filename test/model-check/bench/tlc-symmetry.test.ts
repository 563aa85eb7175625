/**
 * The twin's symmetry reduction against TLC's `SYMMETRY` on 2PC: TLC checks
 * a small model-checking module with `Permutations(RM)` as the symmetry set,
 * and its distinct states, states generated and depth must equal the reduced
 * search's. (TLC's reduction is known to be only approximate in general, as
 * it canonicalises by its own value order; on 2PC the two agree exactly.)
 * Needs Java and the TLC jar (TLA2TOOLS_JAR or ~/.cache/tla-twin/tla2tools.jar).
 */
import { describe, expect, it } from "vitest";
import { bfs } from "../../../model-check/bfs.js";
import { findTlcJar, runTlc } from "../../../model-check/bench/tlc.js";
import { twoPhaseModel, twoPhaseTlcConfig } from "../../../src/twophase/index.js";

const lookup = findTlcJar();
const jar = "jar" in lookup ? lookup.jar : undefined;

/** EXTENDS the spec with the symmetry set; TLC's SYMMETRY needs a definition. */
const symmetryModule = ["---- MODULE MCTwoPhaseSymmetry ----", "EXTENDS TwoPhase, TLC", "Perms == Permutations(RM)", "===="].join("\n");

describe.skipIf(jar === undefined)(`2PC symmetry: twin vs TLC SYMMETRY${jar === undefined ? ` (skipped: ${"missing" in lookup ? lookup.missing : ""})` : ""}`, () => {
  it.each([3, 4, 5])("%i RMs: equal reduced counts", async (rmCount) => {
    const cfg = `${twoPhaseTlcConfig(rmCount)}SYMMETRY Perms\n`;
    const tlc = await runTlc(jar!, { module: "MCTwoPhaseSymmetry", cfg }, 1, undefined, { "MCTwoPhaseSymmetry.tla": symmetryModule });
    expect(tlc.exitCode).toBe(0);
    const twin = bfs(twoPhaseModel({ rmCount }), { checkDeadlock: true, symmetry: true });
    expect({ distinctStates: twin.distinctStates, statesGenerated: twin.statesGenerated, depth: twin.depth }).toEqual(tlc.counts);
  });
});
