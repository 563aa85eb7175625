/**
 * The parser of TLA+ values as TLC prints them. The inputs are copied from
 * TLC's own output (state dumps, error traces, simulation traces of
 * spec/TwoPhase.tla) or written in TLC's notation for the value kinds the
 * other specs need (bags, sequences, nested functions).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TlaParseError, parseActionLabel, parseTlaState, parseTlaValue, tokenize } from "../../src/tla/parse.js";
import {
  type TlaValue,
  formatTla,
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

describe("parseTlaValue", () => {
  it.each<[string, TlaValue]>([
    ["TRUE", tlaBool(true)],
    ["FALSE", tlaBool(false)],
    ["42", tlaInt(42)],
    ["-7", tlaInt(-7)],
    ['"working"', tlaString("working")],
    ['"say \\"hi\\"\\n\\\\"', tlaString('say "hi"\n\\')],
    ["r1", tlaModelValue("r1")],
    ["{}", tlaSet([])],
    ["<<>>", tlaSeq([])],
    ["{r2, r1}", tlaSet([tlaModelValue("r1"), tlaModelValue("r2")])],
    ["<<1, \"a\", <<>>>>", tlaSeq([tlaInt(1), tlaString("a"), tlaSeq([])])],
    ['[type |-> "Prepared", rm |-> r1]', tlaRecord({ type: tlaString("Prepared"), rm: tlaModelValue("r1") })],
    ["1..3", tlaSet([tlaInt(1), tlaInt(2), tlaInt(3)])],
    ["(a1 :> 0)", tlaFunction([[tlaModelValue("a1"), tlaInt(0)]])],
  ])("reads %s", (text, expected) => {
    expect(parseTlaValue(text)).toEqual(expected);
  });

  it("reads a function over model values as TLC prints it", () => {
    const v = parseTlaValue('(r1 :> "working" @@ r2 :> "prepared" @@ r3 :> "working")');
    expect(v).toEqual(
      tlaFunction([
        [tlaModelValue("r1"), tlaString("working")],
        [tlaModelValue("r2"), tlaString("prepared")],
        [tlaModelValue("r3"), tlaString("working")],
      ]),
    );
  });

  it("reads a bag (a function from messages to counts), as Raft's specs keep messages", () => {
    const v = parseTlaValue('([mtype |-> "RequestVote", mterm |-> 2] :> 1 @@ [mtype |-> "AppendEntries", mterm |-> 2] :> 2)');
    expect(v.kind).toBe("function");
    expect(formatTla(v)).toBe('([mterm |-> 2, mtype |-> "AppendEntries"] :> 2 @@ [mterm |-> 2, mtype |-> "RequestVote"] :> 1)');
  });

  it("reads functions without parentheses, nested functions and functions on integers", () => {
    expect(tlaEquals(parseTlaValue("a :> 1 @@ b :> 2"), parseTlaValue("(b :> 2 @@ a :> 1)"))).toBe(true);
    expect(parseTlaValue("(s1 :> (s2 :> TRUE))")).toEqual(
      tlaFunction([[tlaModelValue("s1"), tlaFunction([[tlaModelValue("s2"), tlaBool(true)]])]]),
    );
    // A function on 1..n is a tuple, as in TLA+.
    expect(parseTlaValue('(1 :> "a" @@ 2 :> "b")')).toEqual(tlaSeq([tlaString("a"), tlaString("b")]));
  });

  it("reads values that TLC broke over several lines", () => {
    const v = parseTlaValue('{ [type |-> "Abort"],\n  [type |-> "Prepared", rm |-> r2],\n  [type |-> "Prepared", rm |-> r3] }');
    expect(v.kind === "set" && v.elements.length).toBe(3);
  });

  it("prints back what it reads: formatTla and parseTlaValue are inverses on generated values", () => {
    const leaf = fc.oneof(
      fc.boolean().map(tlaBool),
      fc.integer({ min: -1000, max: 1000 }).map(tlaInt),
      fc.string({ maxLength: 6 }).map(tlaString),
      fc.constantFrom("r1", "a2", "Nil").map(tlaModelValue),
    );
    const key = fc.oneof(fc.integer({ min: -5, max: 5 }).map(tlaInt), fc.constantFrom("r1", "a2", "Nil").map(tlaModelValue));
    const value = fc.letrec<{ v: TlaValue }>((tie) => ({
      v: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        fc.array(tie("v"), { maxLength: 3 }).map(tlaSet),
        fc.array(tie("v"), { maxLength: 3 }).map(tlaSeq),
        fc.dictionary(fc.constantFrom("x", "y", "type"), tie("v"), { maxKeys: 3 }).map((r) =>
          Object.keys(r).length === 0 ? tlaSet([]) : tlaRecord(r),
        ),
        // Keys are not strings: a function on strings is a record, whose field names must be identifiers.
        fc.uniqueArray(fc.tuple(key, tie("v")), { maxLength: 3, selector: ([k]) => formatTla(k) }).map(tlaFunction),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        expect(parseTlaValue(formatTla(v))).toEqual(v);
      }),
      { seed: 20261123, numRuns: 300 },
    );
  });
});

describe("parse errors say what and where", () => {
  it.each<[string, RegExp, number, number]>([
    ["{r1, r2", /expected , or } after a set element, found the end of the text at line 1, column 8/, 1, 8],
    ["[type |-> ]", /expected a value, found "\]" at line 1, column 11/, 1, 11],
    ['"open', /unterminated string at line 1, column 1/, 1, 1],
    ["(r1 :> 1 @@ r2)", /expected key :> value after @@ at line 1, column 13/, 1, 13],
    ["<<1, 2>> 3", /expected the end of the value, found the integer 3 at line 1, column 10/, 1, 10],
    ["{1,\n  2 ? 3}", /unexpected character "\?" at line 2, column 5/, 2, 5],
    ["(a :> 1 @@ a :> 2)", /function has the key a twice at line 1, column 2/, 1, 2],
    ["[f |-> 1, f |-> 2]", /field f appears twice in a record at line 1, column 11/, 1, 11],
    ['"bad \\q escape"', /unknown escape in string at line 1, column 6/, 1, 6],
    ["99999999999999999999", /integer 99999999999999999999 is too large/, 1, 1],
  ])("%j", (text, message, line, column) => {
    let error: unknown;
    try {
      parseTlaValue(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TlaParseError);
    expect((error as TlaParseError).message).toMatch(message);
    expect([(error as TlaParseError).line, (error as TlaParseError).column]).toEqual([line, column]);
  });
});

describe("parseTlaState", () => {
  it("reads a state of TLC's -dump as the record of its variables", () => {
    const state = parseTlaState(
      '/\\ msgs = {[type |-> "Prepared", rm |-> r1]}\n/\\ rmState = (r1 :> "prepared" @@ r2 :> "working")\n/\\ tmState = "init"\n/\\ tmPrepared = {}',
    );
    expect(formatTla(state)).toBe(
      '[msgs |-> {[rm |-> r1, type |-> "Prepared"]}, rmState |-> (r1 :> "prepared" @@ r2 :> "working"), tmPrepared |-> {}, tmState |-> "init"]',
    );
  });

  it("reads a one-variable state written without /\\", () => {
    expect(parseTlaState("x = 3")).toEqual(tlaRecord({ x: tlaInt(3) }));
  });

  it("rejects a variable given twice and a missing =", () => {
    expect(() => parseTlaState("/\\ x = 1\n/\\ x = 2")).toThrow(/variable x is given twice at line 2, column 4/);
    expect(() => parseTlaState("/\\ x 1")).toThrow(/expected = after x, found the integer 1 at line 1, column 6/);
  });
});

describe("parseActionLabel", () => {
  it("reads names with and without arguments", () => {
    expect(parseActionLabel("TMCommit")).toEqual({ name: "TMCommit", args: [] });
    expect(parseActionLabel("RMPrepare(r1)")).toEqual({ name: "RMPrepare", args: [tlaModelValue("r1")] });
    expect(parseActionLabel('Send(a1, [type |-> "1a"], 3)').args).toHaveLength(3);
  });
  it("rejects a label with trailing text", () => {
    expect(() => parseActionLabel("RMPrepare(r1) line 64")).toThrow(/expected the end of the action label/);
  });
});

describe("tokenize", () => {
  it("keeps offsets so that errors can point at them", () => {
    expect(tokenize("{a, 12}").map((t) => [t.kind, t.offset])).toEqual([
      ["{", 0],
      ["ident", 1],
      [",", 2],
      ["int", 4],
      ["}", 6],
      ["end", 7],
    ]);
  });
});
