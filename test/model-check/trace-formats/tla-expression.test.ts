/**
 * TLA+ values written as expressions a module may contain: what each kind
 * becomes, which standard modules the text needs, and that the text reads
 * back (with tla-twin's reader of TLC's values) to the same value.
 */
import { describe, expect, it } from "vitest";
import { isTlaIdentifier, modulesForExpressions, tlaExpression, tlaStringLiteral } from "../../../model-check/trace-formats/tla-expression.js";
import { parseTlaValue } from "../../../src/tla/parse.js";
import { tlaBool, tlaFunction, tlaInt, tlaModelValue, tlaRecord, tlaSeq, tlaSet, tlaString, tlaEquals } from "../../../src/tla/value.js";

describe("tlaExpression", () => {
  it.each([
    [tlaInt(-1), "-1"],
    [tlaBool(true), "TRUE"],
    [tlaString('say "hi"\\\n\tnow'), '"say \\"hi\\"\\\\\\n\\tnow"'],
    [tlaRecord({ term: tlaInt(2), value: tlaModelValue("v1") }), "[term |-> 2, value |-> v1]"],
    // A field that is no identifier (or is a reserved word) is written as the function the record is.
    [tlaRecord({ "1a": tlaInt(0), type: tlaString("x") }), '("1a" :> 0 @@ "type" :> "x")'],
    [tlaRecord({ CASE: tlaInt(0) }), '("CASE" :> 0)'],
    [tlaFunction([[tlaModelValue("a1"), tlaInt(-1)]]), "(a1 :> -1)"],
    [tlaFunction([]), "<<>>"],
    [tlaSet([tlaInt(2), tlaInt(-3)]), "{-3, 2}"],
    [tlaSeq([tlaRecord({ term: tlaInt(1) })]), "<<[term |-> 1]>>"],
  ])("%j is written %s and reads back", (value, text) => {
    expect(tlaExpression(value)).toBe(text);
    expect(tlaEquals(parseTlaValue(text), value)).toBe(true);
  });

  it("writes model values through the given naming", () => {
    expect(tlaExpression(tlaSet([tlaModelValue("r1")]), (name) => `TT_${name}`)).toBe("{TT_r1}");
  });

  it("refuses a string TLA+ cannot hold, with one clear message", () => {
    expect(() => tlaStringLiteral("bell\u0007")).toThrow(/holds "\\u0007", which a TLA\+ string literal cannot contain/);
  });

  it("knows identifiers from other field names", () => {
    expect(["mtype", "_x1", "term"].map(isTlaIdentifier)).toEqual([true, true, true]);
    expect(["1a", "my-field", "", "_", "EXCEPT", "WF_x"].map(isTlaIdentifier)).toEqual([false, false, false, false, false, false]);
  });
});

describe("modulesForExpressions", () => {
  it.each([
    [[tlaString("x"), tlaSet([tlaBool(false)])], []],
    [[tlaSeq([tlaInt(1)])], ["Naturals"]],
    [[tlaSeq([tlaInt(1)]), tlaSet([tlaInt(-1)])], ["Integers"]],
    [[tlaFunction([[tlaModelValue("a"), tlaInt(0)]])], ["Naturals", "TLC"]],
    [[tlaRecord({ "1a": tlaBool(true) })], ["TLC"]],
    [[tlaRecord({ ok: tlaBool(true) })], []],
  ])("%j needs %j", (values, modules) => {
    expect(modulesForExpressions(values)).toEqual(modules);
  });
});
