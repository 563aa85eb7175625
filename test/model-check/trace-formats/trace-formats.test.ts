/**
 * Counterexamples in ITF (Apalache/Quint) and in TLA+ syntax: both read back
 * to the same states and actions.
 */
import { describe, expect, it } from "vitest";
import { bfs } from "../../../model-check/bfs.js";
import { parseTraceModule } from "../../../model-check/tlc/tlc-files.js";
import { type ItfValue, itfToTla, tlaToItf, traceToItf } from "../../../model-check/trace-formats/itf.js";
import { traceToTla } from "../../../model-check/trace-formats/tla.js";
import { formatActionLabel } from "../../../model-check/format.js";
import type { AnyModel } from "../../../src/protocol.js";
import { parseTlaValue } from "../../../src/tla/parse.js";
import { field, tlaEquals } from "../../../src/tla/value.js";
import { twoPhase } from "../../../src/twophase/index.js";

const model: AnyModel = twoPhase.model({ rm: 3 }, "commit-before-all-prepared") as AnyModel;
const violation = bfs(model, { checkDeadlock: true }).violation!;
const trace = violation.trace;
const states: unknown[] = [trace.initial, ...trace.steps.map((s) => s.state)];

describe("ITF", () => {
  const itf = traceToItf(model, trace, "test");

  it("has ITF's shape: #meta with the format, vars, one object per state", () => {
    expect(itf["#meta"]).toMatchObject({ format: "ITF", source: "spec/TwoPhase.tla" });
    expect(itf.vars).toEqual(["rmState", "tmState", "tmPrepared", "msgs"]);
    expect(itf.states).toHaveLength(states.length);
    expect(itf.states[0]!["#meta"]).toEqual({ index: 0, action: null });
    expect(itf.states[1]!["#meta"]).toEqual({ index: 1, action: formatActionLabel(model.actionLabel(trace.steps[0]!.action)) });
  });

  it("writes model values as Apalache's uninterpreted values of the config's set (r1_OF_RM), maps as #map, sets as #set", () => {
    expect(itf.states[0]!["rmState"]).toEqual({ "#map": [["r1_OF_RM", "working"], ["r2_OF_RM", "working"], ["r3_OF_RM", "working"]] });
    expect(itf.states[0]!["tmPrepared"]).toEqual({ "#set": [] });
    expect(tlaToItf(parseTlaValue("<<1, -2>>"), () => undefined)).toEqual([{ "#bigint": "1" }, { "#bigint": "-2" }]);
    expect(tlaToItf(parseTlaValue("Nil"), () => undefined)).toBe("Nil_OF_MODEL_VALUE");
  });

  it("reads back to the twin's states, through JSON", () => {
    const read = JSON.parse(JSON.stringify(itf)) as typeof itf;
    read.states.forEach((s, i) => {
      const expected = model.toTla(states[i]);
      for (const name of itf.vars) expect(tlaEquals(itfToTla(s[name] as ItfValue), field(expected, name))).toBe(true);
    });
  });
});

describe("TLA+ syntax", () => {
  const text = traceToTla(model, trace, "Counterexample: Invariant TCConsistent is violated.");

  it("declares the model values and variables and labels each step as TLC does", () => {
    expect(text).toMatch(/^---- MODULE TwoPhase_trace ----\n\\\* Counterexample: Invariant TCConsistent is violated\.\nEXTENDS TLC\nCONSTANTS r1, r2, r3\nVARIABLES rmState, tmState, tmPrepared, msgs\n/);
    expect(text).toContain("\\* <Initial predicate>\nSTATE_1 ==\n/\\ rmState = (r1 :> \"working\"");
  });

  it("reads back, with TLC's trace reader, to the same states and labels", () => {
    const read = parseTraceModule(text, "trace.tla");
    expect(read.states).toHaveLength(states.length);
    read.states.forEach((s, i) => {
      expect(tlaEquals(s.state, model.toTla(states[i]))).toBe(true);
      expect(s.label).toBe(i === 0 ? null : formatActionLabel(model.actionLabel(trace.steps[i - 1]!.action)));
    });
  });
});
