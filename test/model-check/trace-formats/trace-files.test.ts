/**
 * The counterexample files of every protocol are files other tools read:
 * for one bug-zoo counterexample each of 2PC, Paxos and Raft,
 *
 * - the ITF trace is valid ITF by an oracle written from Apalache's ADR-015
 *   (test/support/itf-oracle.ts), and reads back to the twin's TLA+ states;
 * - the TLA+ trace module EXTENDS what its values need, and tla-twin's TLC
 *   trace reader reads it back to the twin's states;
 * - where Java and tla2tools.jar are at hand: SANY accepts the module, and
 *   TLC accepts its states, with the twin's actions, as a behaviour of the
 *   variant's TLA+ version (and rejects them as one of the correct spec, so
 *   the check has teeth). Skipped with one line without them.
 *
 * The configs are small (each search takes well under a second): 2PC with 3
 * RMs, Paxos a3v2b1, Raft with one server, max-term 2 and max-log 1.
 */
import { describe, expect, it } from "vitest";
import { bfs } from "../../../model-check/bfs.js";
import { parseTraceModule } from "../../../model-check/tlc/tlc-files.js";
import { runSany } from "../../../model-check/tlc/tlc-run.js";
import { findTlcTools } from "../../../model-check/tlc/tools.js";
import { checkTwinBehaviours } from "../../../model-check/tlc/trace-check.js";
import { SpecWorkdir } from "../../../model-check/tlc/workdir.js";
import { zooJob } from "../../../model-check/tlc/zoo-check.js";
import { traceToItf } from "../../../model-check/trace-formats/itf.js";
import { traceToTla } from "../../../model-check/trace-formats/tla.js";
import { type AnyModel, type AnyProtocol, resolveOptions, tlcModelOf } from "../../../src/protocol.js";
import { field, tlaEquals } from "../../../src/tla/value.js";
import { paxos } from "../../../src/paxos/index.js";
import { raft } from "../../../src/raft/index.js";
import { twoPhase } from "../../../src/twophase/index.js";
import { itfProblems, itfValueToTla } from "../../support/itf-oracle.js";

interface Case {
  readonly protocol: AnyProtocol;
  readonly options: Readonly<Record<string, number>>;
  readonly variant: string;
  /** The standard modules the trace module must extend, and why. */
  readonly extendsModules: string;
}

const cases: readonly Case[] = [
  // Functions (rmState) need TLC's :> and @@; no numbers.
  { protocol: twoPhase as AnyProtocol, options: { rm: 3 }, variant: "commit-before-all-prepared", extendsModules: "TLC" },
  // maxBal starts at -1: unary minus needs Integers.
  { protocol: paxos as AnyProtocol, options: paxos.presets.find((p) => p.name === "a3v2b1")!.options, variant: "ignore-reported-values", extendsModules: "Integers, TLC" },
  // Terms and counts are natural numbers; messages is a bag of records, logs are sequences.
  {
    protocol: raft as AnyProtocol,
    options: { servers: 1, "max-term": 2, "max-log": 1, "max-in-flight": 1 },
    variant: "log-not-persisted",
    extendsModules: "Naturals, TLC",
  },
];

function counterexample(c: Case) {
  const model = c.protocol.model(resolveOptions(c.protocol, c.options), c.variant) as AnyModel;
  const violation = bfs(model, { checkDeadlock: true }).violation;
  if (violation === null) throw new Error(`${c.protocol.name} ${c.variant} has no counterexample under ${JSON.stringify(c.options)}`);
  const trace = violation.trace;
  const states = [trace.initial, ...trace.steps.map((s) => s.state)];
  return { model, trace, states, tla: traceToTla(model, trace, `${c.protocol.name} ${c.variant}`) };
}

describe.each(cases)("counterexample files of $protocol.name ($variant)", (c) => {
  const { model, trace, states, tla } = counterexample(c);

  it("the counterexample has steps, so the checks below see more than an initial state", () => {
    expect(trace.steps.length).toBeGreaterThan(0);
  });

  it("ITF: valid by the ADR-015 oracle, through JSON", () => {
    const itf = JSON.parse(JSON.stringify(traceToItf(model, trace, "test")));
    expect(itfProblems(itf)).toEqual([]);
    expect(itf.states).toHaveLength(states.length);
  });

  it("ITF: each state reads back to the twin's TLA+ state (model.toTla)", () => {
    const itf = JSON.parse(JSON.stringify(traceToItf(model, trace, "test"))) as { vars: string[]; states: Record<string, unknown>[] };
    expect(itf.vars).toEqual(model.tlaVariables);
    itf.states.forEach((s, i) => {
      const expected = model.toTla(states[i]);
      for (const name of itf.vars) expect(tlaEquals(itfValueToTla(s[name]), field(expected, name)), `state ${i}, ${name}`).toBe(true);
    });
  });

  it(`TLA+: EXTENDS ${c.extendsModules}, and reads back to the twin's states`, () => {
    expect(tla).toMatch(new RegExp(`^EXTENDS ${c.extendsModules}$`, "m"));
    const read = parseTraceModule(tla, "trace.tla");
    expect(read.states).toHaveLength(states.length);
    read.states.forEach((s, i) => expect(tlaEquals(s.state, model.toTla(states[i])), `state ${i}`).toBe(true));
  });
});

describe("the ITF oracle fails what ADR-015 does not allow", () => {
  const ok = { vars: ["x"], states: [{ x: 1 }] };
  it.each([
    [{ ...ok, extra: 1 }, /unexpected field "extra"/],
    [{ vars: ["x", "y"], states: [{ x: 1 }] }, /has no value for y/],
    [{ vars: ["x"], states: [{ x: 1, y: 2 }] }, /"y", which is neither a var nor a param/],
    [{ vars: ["x"], states: [{ x: 1.5 }] }, /not a safe integer/],
    [{ vars: ["x"], states: [{ x: 2 ** 60 }] }, /not a safe integer/],
    [{ vars: ["x"], states: [{ x: { "#bigint": "1e3" } }] }, /#bigint must be a string of decimal digits/],
    [{ vars: ["x"], states: [{ x: { "#set": [1, 1] } }] }, /holds an element twice/],
    [{ vars: ["x"], states: [{ x: { "#map": [[1]] } }] }, /array of \[key, value\] pairs/],
    [{ vars: ["x"], states: [{ x: { "#map": [[1, 2], [1, 3]] } }] }, /has a key twice/],
    [{ vars: ["x"], states: [{ x: { "#tuple": [] } }] }, /must be exactly one of/],
    [{ vars: ["x"], states: [{ x: null }] }, /is no ITF value/],
    [{ vars: "x", states: [] }, /vars must be an array of strings/],
  ])("%j", (trace, problem) => {
    expect(itfProblems(ok)).toEqual([]);
    expect(itfProblems(trace).join("\n")).toMatch(problem);
  });
});

const lookup = findTlcTools();
if (!lookup.ok) console.log(`SANY and TLC checks of counterexample files skipped: ${lookup.reason}`);

describe.skipIf(!lookup.ok)("counterexample files with SANY and TLC", () => {
  const tools = lookup.ok ? lookup.tools : undefined!;

  it.each(cases)("$protocol.name ($variant): SANY accepts the TLA+ trace; TLC accepts it as a behaviour of the variant's spec, not of the correct one", async (c) => {
    const { model, trace, tla } = counterexample(c);
    const variant = c.protocol.variants.find((v) => v.name === c.variant)!;
    const workdir = new SpecWorkdir();
    try {
      const file = `${tlcModelOf(model).module}_trace.tla`;
      workdir.write(file, tla);
      expect(await runSany(tools, workdir, file, 60_000)).toBeUndefined();

      // The states TLC checks are those of the file, read back, with the twin's actions as labels.
      const fromFile = parseTraceModule(tla, file).states.map((s) => model.fromTla(s.state));
      const behaviour = { states: fromFile, actions: trace.steps.map((s) => s.action) };
      const options = { workers: 1, timeoutMs: 120_000, batchSize: 1 };
      const asVariant = await checkTwinBehaviours(tools, workdir, model, [behaviour], { ...options, spec: zooJob(model, variant) });
      expect(asVariant.ok, asVariant.details.join("\n")).toBe(true);
      const asCorrect = await checkTwinBehaviours(tools, workdir, model, [behaviour], options);
      expect(asCorrect.ok).toBe(false);
      expect(asCorrect.toolFailed).toBeUndefined();
      expect(asCorrect.details[0]).toMatch(/^twin behaviour 1, step \d+: /);
    } finally {
      workdir.remove();
    }
  });
});
