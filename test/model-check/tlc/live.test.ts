/**
 * Cross-checks against a live TLC: SANY on every spec, the cross-checks
 * (a)-(e) on 2PC with 3 RMs, a twin with one wrong transition caught with
 * both sides shown in TLA+, and the reverse check rejecting a wrong twin step
 * and a wrong initial state. Skipped, with one line saying why, when Java or
 * tla2tools.jar is missing; `npm run verify:tlc` runs every config.
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { specDir } from "../../../model-check/project-root.js";
import { crossCheck, defaultCrossCheckSettings } from "../../../model-check/tlc/crosscheck.js";
import { formatChecks } from "../../../model-check/tlc/report-text.js";
import { runSany } from "../../../model-check/tlc/tlc-run.js";
import { findTlcTools } from "../../../model-check/tlc/tools.js";
import { checkTwinBehaviours } from "../../../model-check/tlc/trace-check.js";
import { randomTwinBehaviours } from "../../../model-check/tlc/twin-behaviours.js";
import { SpecWorkdir } from "../../../model-check/tlc/workdir.js";
import { traceToTla } from "../../../model-check/trace-formats/tla.js";
import { twoPhase } from "../../../src/twophase/index.js";
import { twoPhaseWithWrongAbort } from "../../support/broken-twophase.js";

const lookup = findTlcTools();
if (!lookup.ok) console.log(`Live TLC cross-checks skipped: ${lookup.reason}`);

describe.skipIf(!lookup.ok)("live cross-checks with TLC", () => {
  const tools = lookup.ok ? lookup.tools : undefined!;
  const quick = { ...defaultCrossCheckSettings, simulationTraces: 100, twinBehaviours: 60, timeoutMs: 300_000 };

  it("SANY accepts every spec in spec/", async () => {
    const workdir = new SpecWorkdir();
    try {
      const problems: string[] = [];
      for (const f of readdirSync(specDir()).filter((f) => f.endsWith(".tla"))) {
        const problem = await runSany(tools, workdir, f, 120_000);
        if (problem !== undefined) problems.push(problem);
      }
      expect(problems).toEqual([]);
    } finally {
      workdir.remove();
    }
  });

  it("2PC with 3 RMs passes (a)-(e)", async () => {
    const report = await crossCheck(tools, { protocol: twoPhase, options: { rm: 3 }, preset: "rm3", model: twoPhase.model({ rm: 3 }) }, quick);
    expect(report.checks.map((c) => c.id)).toEqual(["a", "b", "c", "d", "e"]);
    expect(report.ok, formatChecks(report.checks)).toBe(true);
    expect(report.cfg).toBe("spec/TwoPhase_rm3.cfg");
  });

  it("a config without a shipped .cfg is checked with the config the twin writes (2 RMs)", async () => {
    const report = await crossCheck(tools, { protocol: twoPhase, options: { rm: 2 }, preset: undefined, model: twoPhase.model({ rm: 2 }) }, quick);
    expect(report.ok, formatChecks(report.checks)).toBe(true);
    expect(report.cfg).toMatch(/written from the twin's tlcModel/);
  });

  it("a twin with one wrong transition fails, and both sides of the difference are shown in TLA+", async () => {
    const report = await crossCheck(tools, { protocol: twoPhase, options: { rm: 3 }, preset: "rm3", model: twoPhaseWithWrongAbort(3) }, quick);
    expect(report.ok).toBe(false);
    const c = report.checks.find((x) => x.id === "c")!;
    const text = c.details.join("\n");
    expect(text).toMatch(/^TMAbort: 1 transition\(s\) only in TLC's graph, 1 only in the twin's/m);
    // TLC's TMAbort from the initial state, and the twin's wrong one, each with both states.
    expect(text).toMatch(
      /only in TLC's graph: TMAbort\n    from\n\s+\/\\ rmState = \(r1 :> "working" @@ r2 :> "working" @@ r3 :> "working"\)[\s\S]*?    to\n\s+\/\\ rmState = \(r1 :> "working"[^\n]*\n\s+\/\\ tmState = "aborted"/,
    );
    expect(text).toMatch(/only in the twin's graph: TMAbort\n    from\n[\s\S]*?    to\n\s+\/\\ rmState = \(r1 :> "aborted" @@ r2 :> "working"[^\n]*\n\s+\/\\ tmState = "init"/);
    const b = report.checks.find((x) => x.id === "b")!;
    expect(b.details.join("\n")).toMatch(/1 state\(s\) reached by TLC but not by the twin:\n.*\/\\ rmState/);
    // (e): the wrong step is allowed by Next (it is RMChooseToAbort(r1)), but it is not the TMAbort the twin says it took.
    const e = report.checks.find((x) => x.id === "e")!;
    expect(e.ok).toBe(false);
    expect(e.details[0]).toMatch(/step 1: a step of the spec, but not a TMAbort step as the twin labels it/);
  });

  it("TLC rejects a twin behaviour with a wrong step, and one with a wrong initial state", async () => {
    const model = twoPhase.model({ rm: 3 });
    const behaviours = randomTwinBehaviours(model, { count: 10, depth: 8, seed: 1 });
    const workdir = new SpecWorkdir();
    try {
      const options = { workers: 1, timeoutMs: 120_000, batchSize: 10 };
      expect((await checkTwinBehaviours(tools, workdir, model, behaviours, options)).ok).toBe(true);
      const wrongStep = behaviours.map((b) => ({ ...b, states: [...b.states] }));
      wrongStep[6]!.states[4] = wrongStep[6]!.states[2];
      const rejected = await checkTwinBehaviours(tools, workdir, model, wrongStep, options);
      expect(rejected.ok).toBe(false);
      expect(rejected.details[0]).toMatch(/^twin behaviour 7, step 4: \S+ is not a step of the spec's next-state relation/);
      const wrongStart = behaviours.map((b) => ({ ...b, states: [...b.states] }));
      wrongStart[2]!.states[0] = wrongStart[2]!.states[3];
      const rejectedStart = await checkTwinBehaviours(tools, workdir, model, wrongStart, options);
      expect(rejectedStart.details[0]).toMatch(/^twin behaviour 3 starts in a state that does not satisfy the spec's initial predicate/);
    } finally {
      workdir.remove();
    }
  });

  it("SANY accepts a counterexample written in TLA+ syntax", async () => {
    const model = twoPhase.model({ rm: 3 }, "commit-before-all-prepared");
    const [behaviour] = randomTwinBehaviours(model, { count: 1, depth: 6, seed: 3 });
    const trace = { initial: behaviour!.states[0], steps: behaviour!.actions.map((action, i) => ({ action, state: behaviour!.states[i + 1] })) };
    const workdir = new SpecWorkdir();
    try {
      workdir.write("TwoPhase_trace.tla", traceToTla(model, trace, "a behaviour"));
      expect(await runSany(tools, workdir, "TwoPhase_trace.tla", 60_000)).toBeUndefined();
    } finally {
      workdir.remove();
    }
  });
});
