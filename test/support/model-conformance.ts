/**
 * Checks every protocol model must pass, on every reachable state of a small
 * config: the codec and the TLA+ conversions are faithful, enumeration and
 * `step` agree, nothing mutates its input, and the fast checker counts what
 * the naive reference explorer counts.
 */
import { expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import type { Model, TwinAction } from "../../src/protocol.js";
import { formatTla } from "../../src/tla/value.js";
import { deepFreeze } from "./deep-freeze.js";
import { exploreReference } from "./reference-explorer.js";

function encodingKey<S>(model: Model<S, TwinAction>, s: S): string {
  const out = new Int32Array(model.codec.maxWords);
  const n = model.codec.encode(s, out, 0);
  return Array.from(out.subarray(0, n)).join(",");
}

/** Registers the conformance tests for a model (call inside a `describe`). */
export function itConformsToTheModelContract<S, A extends TwinAction>(makeModel: () => Model<S, A>, limit?: number): void {
  const model = makeModel();
  const graph = exploreReference(model, limit);
  const states = [...graph.states.values()];

  it(`explores at least one transition (${graph.states.size} states)`, () => {
    expect(graph.states.size).toBeGreaterThan(1);
    expect(graph.edges.length).toBeGreaterThan(0);
  });

  it("encodes states canonically: equal states, equal words; different states, different words", () => {
    const byEncoding = new Map<string, string>();
    for (const [text, s] of graph.states) {
      const words = encodingKey(model, s);
      const previous = byEncoding.get(words);
      expect(previous === undefined || previous === text, `two states share an encoding: ${previous} / ${text}`).toBe(true);
      byEncoding.set(words, text);
      const out = new Int32Array(model.codec.maxWords);
      const n = model.codec.encode(s, out, 0);
      expect(n).toBeLessThanOrEqual(model.codec.maxWords);
      expect(model.codec.decode(out, 0, n)).toEqual(s);
    }
  });

  it("converts states to TLA+ values and back without loss", () => {
    for (const s of states) expect(model.fromTla(model.toTla(s))).toEqual(s);
  });

  it("step(s, a) is exactly the successor that enumeration yields for a", () => {
    for (const s of states) {
      model.forEachSuccessor(s, (a, t) => {
        expect(model.step(s, a)).toEqual(t);
      });
    }
  });

  it("enumerates successors deterministically", () => {
    for (const s of states.slice(0, 2000)) {
      const first: string[] = [];
      const second: string[] = [];
      model.forEachSuccessor(s, (a, t) => first.push(JSON.stringify(a) + formatTla(model.toTla(t))));
      model.forEachSuccessor(s, (a, t) => second.push(JSON.stringify(a) + formatTla(model.toTla(t))));
      expect(second).toEqual(first);
    }
  });

  it("never mutates a state: enumeration and step work on deep-frozen states", () => {
    for (const s of states) {
      const copy = structuredClone(s);
      const frozen = deepFreeze(copy);
      model.forEachSuccessor(frozen, (a) => {
        model.step(frozen, a);
      });
      expect(frozen).toEqual(s);
    }
  });

  it("the checker's counts equal the reference explorer's", () => {
    const result = bfs(makeModel(), { checkDeadlock: false });
    expect(result.distinctStates).toBe(graph.states.size);
    expect(result.statesGenerated).toBe(graph.statesGenerated);
    expect(result.depth).toBe(graph.depth);
  });
}
