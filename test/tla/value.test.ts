import { describe, expect, it } from "vitest";
import {
  TlaShapeError,
  applyFunction,
  compareTla,
  formatTla,
  normalize,
  tlaBool,
  tlaEquals,
  tlaFunction,
  tlaInt,
  tlaModelValue,
  tlaRecord,
  tlaSeq,
  tlaSet,
  tlaString,
} from "../../src/tla/value.js";

describe("normal form", () => {
  it("sorts and deduplicates sets", () => {
    expect(formatTla(tlaSet([tlaInt(3), tlaInt(1), tlaInt(3)]))).toBe("{1, 3}");
  });
  it("writes a function on 1..n as a tuple and one on strings as a record, as TLC prints them", () => {
    expect(formatTla(tlaFunction([[tlaInt(2), tlaString("b")], [tlaInt(1), tlaString("a")]]))).toBe('<<"a", "b">>');
    expect(formatTla(tlaFunction([[tlaString("y"), tlaInt(2)], [tlaString("x"), tlaInt(1)]]))).toBe("[x |-> 1, y |-> 2]");
    expect(formatTla(tlaFunction([[tlaModelValue("r2"), tlaBool(false)], [tlaModelValue("r1"), tlaBool(true)]]))).toBe(
      "(r1 :> TRUE @@ r2 :> FALSE)",
    );
  });
  it("treats a tuple and the equal function as equal", () => {
    expect(tlaEquals(tlaSeq([tlaInt(5)]), tlaFunction([[tlaInt(1), tlaInt(5)]]))).toBe(true);
    expect(tlaEquals(tlaRecord({ a: tlaInt(1) }), tlaFunction([[tlaString("a"), tlaInt(1)]]))).toBe(true);
  });
  it("rejects a function with a repeated key", () => {
    expect(() => tlaFunction([[tlaInt(1), tlaInt(1)], [tlaInt(1), tlaInt(2)]])).toThrow(TlaShapeError);
  });
  it("escapes strings", () => {
    expect(formatTla(tlaString('say "hi"\n'))).toBe('"say \\"hi\\"\\n"');
  });
});

describe("order", () => {
  it("is total and consistent with equality", () => {
    const values = [tlaBool(true), tlaInt(-1), tlaString("a"), tlaModelValue("m"), tlaSet([]), tlaSeq([tlaInt(1)])].map(normalize);
    for (const a of values) {
      for (const b of values) {
        expect(Math.sign(compareTla(a, b)) + Math.sign(compareTla(b, a))).toBe(0);
        expect(compareTla(a, b) === 0).toBe(a === b);
      }
    }
  });
});

describe("accessors", () => {
  it("apply a function and report a key outside its domain clearly", () => {
    const f = tlaFunction([[tlaModelValue("r1"), tlaString("working")]]);
    expect(applyFunction(f, tlaModelValue("r1"))).toEqual(tlaString("working"));
    expect(() => applyFunction(f, tlaModelValue("r2"))).toThrow(/r2 is not in the domain/);
  });
});
