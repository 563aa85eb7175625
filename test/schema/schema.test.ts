/**
 * Schemas: every value round-trips through its words and its TLA+ form,
 * equal values (a set in another order, a bag with its copies elsewhere)
 * have equal words and unequal ones differ, values outside a schema are
 * refused with a message that names them, and symmetry picks one
 * representative per orbit.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Schema,
  SchemaError,
  bagOf,
  bool,
  codecOf,
  enumOf,
  func,
  ids,
  int,
  record,
  seqOf,
  setOf,
  symmetryOf,
  tagged,
} from "../../src/schema/index.js";
import { formatTla } from "../../src/tla/value.js";

function words<T>(schema: Schema<T>, value: T): number[] {
  const out = new Int32Array(schema.maxWords);
  const end = schema.write(value, out, 0);
  return Array.from(out.subarray(0, end));
}

function roundTrip<T>(schema: Schema<T>, value: T): T {
  const out = new Int32Array(schema.maxWords);
  schema.write(value, out, 0);
  return schema.read({ words: out, at: 0 });
}

const Proc = ids("Proc", 3);
const Message = tagged("type", { Request: { from: Proc, n: int(0, 2) }, Ack: { to: Proc }, Stop: {} });
const State = record({
  pc: func(Proc, enumOf("idle", "busy")),
  up: func(Proc, bool),
  leader: Proc,
  members: setOf(Proc),
  log: seqOf(int(0, 3), 3),
  net: bagOf(Message, 4),
  sent: setOf(Message),
});
type State = typeof State extends Schema<infer S> ? S : never;

const arbitraryMessage = fc.oneof(
  fc.record({ type: fc.constant("Request" as const), from: fc.integer({ min: 0, max: 2 }), n: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ type: fc.constant("Ack" as const), to: fc.integer({ min: 0, max: 2 }) }),
  fc.constant({ type: "Stop" as const }),
);
const arbitraryState: fc.Arbitrary<State> = fc.record({
  pc: fc.array(fc.constantFrom("idle" as const, "busy" as const), { minLength: 3, maxLength: 3 }),
  up: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  leader: fc.integer({ min: 0, max: 2 }),
  members: fc.uniqueArray(fc.integer({ min: 0, max: 2 })),
  log: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
  net: fc.array(arbitraryMessage, { maxLength: 4 }).filter((net) => new Set(net.map((m) => JSON.stringify(m))).size <= 4),
  sent: fc.uniqueArray(arbitraryMessage, { selector: (m) => JSON.stringify(m) }),
});

/** A value's meaning, independent of the order of arrays that stand for sets and bags. */
const meaning = <T>(schema: Schema<T>, value: T): string => formatTla(schema.toTla(value));

describe("schemas", () => {
  it("round-trip every value through words and through TLA+, keeping its meaning", () => {
    fc.assert(
      fc.property(arbitraryState, (s) => {
        expect(meaning(State, roundTrip(State, s))).toBe(meaning(State, s));
        expect(meaning(State, State.fromTla(State.toTla(s)))).toBe(meaning(State, s));
        expect(words(State, roundTrip(State, s))).toEqual(words(State, s));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("give two values the same words exactly when they mean the same", () => {
    fc.assert(
      fc.property(arbitraryState, arbitraryState, (a, b) => {
        const sameWords = words(State, a).join() === words(State, b).join();
        expect(sameWords).toBe(meaning(State, a) === meaning(State, b));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it("store sets and bags canonically: order does not matter, a set's repeat is refused, a bag's copies count", () => {
    const members = setOf(Proc);
    expect(words(members, [2, 0])).toEqual(words(members, [0, 2]));
    expect(() => words(members, [0, 2, 0])).toThrow("a set holds proc1 twice");
    const sent = setOf(Message);
    const ack = { type: "Ack", to: 1 } as const;
    const stop = { type: "Stop" } as const;
    expect(words(sent, [ack, stop])).toEqual(words(sent, [stop, ack]));
    expect(() => words(setOf(Message, 4), [stop, stop])).toThrow('a set holds [type |-> "Stop"] twice');
    const net = bagOf(Message, 4);
    expect(words(net, [ack, stop, ack])).toEqual(words(net, [ack, ack, stop]));
    expect(words(net, [ack, stop, ack])).not.toEqual(words(net, [ack, stop]));
    // In TLA+ a bag is a function to counts (keys in TLA+'s normal order: the smaller record first).
    expect(formatTla(net.toTla([ack, stop, ack]))).toBe('([type |-> "Stop"] :> 1 @@ [to |-> proc2, type |-> "Ack"] :> 2)');
  });

  it("write sets of few possible elements as a bit mask, and others as a sorted list", () => {
    // 3 processes fit one word; 3 + 3*3 + 1 = 13 possible messages fit one word too.
    expect(setOf(Proc).maxWords).toBe(1);
    expect(setOf(Message).maxWords).toBe(1);
    expect(() => setOf(seqOf(Proc, 2))).toThrow(/needs a maxSize/);
    const lists = setOf(seqOf(Proc, 2), 3);
    expect(words(lists, [[1], [0, 2]])).toEqual(words(lists, [[0, 2], [1]]));
  });

  it("refuse a value outside the schema with one line naming it and where it is", () => {
    const out = new Int32Array(State.maxWords);
    const bad = (patch: Partial<Record<keyof State, unknown>>) => () =>
      State.write({ pc: ["idle", "idle", "idle"], up: [true, true, true], leader: 0, members: [], log: [], net: [], sent: [], ...patch } as State, out, 0);
    expect(bad({ leader: 3 })).toThrow(new SchemaError("field leader: 3 is not an element of Proc = {proc1, proc2, proc3} (0..2)"));
    expect(bad({ pc: ["idle", "gone", "idle"] })).toThrow(/field pc: at 1: "gone" is not one of \{"idle", "busy"\}/);
    expect(bad({ up: [true] })).toThrow(/field up: expected an array of 3/);
    expect(bad({ log: [0, 1, 2, 3] })).toThrow(/field log: a sequence of 4 elements is longer than its maxLength 3/);
    expect(bad({ net: [{ type: "Nack" }] })).toThrow(/type "Nack" is not one of Request, Ack, Stop/);
    expect(() => int(3, 1)).toThrow(SchemaError);
    expect(() => enumOf("a", "a")).toThrow(SchemaError);
  });

  it("number the values of finite schemas, records and tagged unions included", () => {
    for (const schema of [int(-2, 2), bool, enumOf("a", "b", "c"), Proc, record({ x: Proc, y: bool }), Message] as Schema<unknown>[]) {
      const { size, indexOf, valueAt } = schema.finite!;
      for (let i = 0; i < size; i++) expect(indexOf(valueAt(i))).toBe(i);
    }
    // 3 Request senders x 3 counts + 3 Ack targets + 1 Stop.
    expect(Message.finite!.size).toBe(13);
  });
});

describe("derived codec and symmetry", () => {
  it("the codec writes at the offset it is given and reads back the same state", () => {
    const codec = codecOf(State);
    const s: State = { pc: ["busy", "idle", "idle"], up: [true, false, true], leader: 2, members: [2, 0], log: [3, 1], net: [{ type: "Stop" }], sent: [] };
    const out = new Int32Array(5 + codec.maxWords);
    const length = codec.encode(s, out, 5);
    expect(meaning(State, codec.decode(out, 5, length))).toBe(meaning(State, s));
  });

  it("gives two states one representative exactly when a permutation of the processes takes one to the other", () => {
    const symmetry = symmetryOf(State, ["Proc"]);
    const s: State = { pc: ["busy", "idle", "idle"], up: [true, false, true], leader: 0, members: [0, 1], log: [], net: [{ type: "Request", from: 1, n: 2 }], sent: [{ type: "Ack", to: 0 }] };
    // The same state with processes 0 and 2 swapped.
    const swapped: State = { pc: ["idle", "idle", "busy"], up: [true, false, true], leader: 2, members: [2, 1], log: [], net: [{ type: "Request", from: 1, n: 2 }], sent: [{ type: "Ack", to: 2 }] };
    const rep = symmetry.representative(s);
    expect(words(State, symmetry.representative(swapped))).toEqual(words(State, rep));
    expect(words(State, symmetry.representative(rep))).toEqual(words(State, rep));
    const different: State = { ...s, leader: 1 };
    expect(words(State, symmetry.representative(different))).not.toEqual(words(State, rep));
  });

  it("builds the permutations of a large set only when a search asks for a representative, and refuses more than 8! of them then", () => {
    const Big = ids("Big", 9);
    const Wide = record({ owner: Big });
    const symmetry = symmetryOf(Wide, ["Big"]);
    expect(() => symmetry.representative({ owner: 0 })).toThrow("symmetry over Big has 362880 permutations, more than the 40320");
  });

  it("refuses symmetry over a set the state does not have", () => {
    expect(() => symmetryOf(State, ["Server"])).toThrow("symmetry names Server, which is not an ids set of the state (its ids sets: Proc)");
  });
});
