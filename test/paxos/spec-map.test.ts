/**
 * The twin against the text of spec/Paxos.tla, both ways: every action of
 * `Next` has exactly one twin function tagged `@tla Paxos!<Action>` (and no
 * twin function stands for an action the spec lacks); every invariant the
 * twin checks is defined in the spec under the same name; the variables
 * match in name and order.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot, specDir } from "../../model-check/project-root.js";
import { paxosActionFunctions, paxosModel, paxosVariables } from "../../src/paxos/index.js";

const spec = readFileSync(join(specDir(), "Paxos.tla"), "utf8");
const source = (file: string) => readFileSync(join(projectRoot(), "src", "paxos", file), "utf8");

/** The names of the functions in `text` tagged `@tla Paxos!<name>`, by TLA+ name. */
function taggedFunctions(text: string): Map<string, string> {
  const tagged = new Map<string, string>();
  for (const m of text.matchAll(/@tla Paxos!(\w+)\s*\*\/\s*export function (\w+)\(/g)) tagged.set(m[1]!, m[2]!);
  return tagged;
}

describe("spec/Paxos.tla and the twin", () => {
  it("Next's actions are exactly the twin's action functions, each tagged with its action", () => {
    const next = /^Next ==([\s\S]*?)\n\n/m.exec(spec)![1]!;
    const actions = [...new Set([...next.matchAll(/\b(\w+)\(/g)].map((m) => m[1]!))].sort();
    expect(actions).toEqual(["Phase1a", "Phase1b", "Phase2a", "Phase2b"]);
    expect(Object.keys(paxosActionFunctions).sort()).toEqual(actions);
    const tagged = taggedFunctions(source("actions.ts"));
    expect([...tagged.keys()].sort()).toEqual(actions);
    for (const [action, fn] of Object.entries(paxosActionFunctions)) {
      expect(tagged.get(action)).toBe(fn.name);
      expect(spec).toMatch(new RegExp(`^${action}\\([a-z, ]+\\) ==`, "m"));
    }
  });

  it("every invariant the twin checks is defined in the spec and tagged in invariants.ts", () => {
    const names = paxosModel({ acceptorCount: 3, valueCount: 2, maxBallot: 1 }).invariants.map((i) => i.name);
    const tagged = taggedFunctions(source("invariants.ts"));
    for (const name of names) {
      expect(spec).toMatch(new RegExp(`^${name} ==`, "m"));
      expect(tagged.has(name), `@tla Paxos!${name} in invariants.ts`).toBe(true);
    }
    expect([...tagged.keys()].sort()).toEqual([...names].sort());
  });

  it("test/paxos/actions.test.ts cites the lines that define each action", () => {
    const lines = spec.split("\n");
    const tests = readFileSync(join(projectRoot(), "test", "paxos", "actions.test.ts"), "utf8");
    const citations = [...tests.matchAll(/(Phase\w+)\([a-z, ]*\), Paxos\.tla lines (\d+)-(\d+)/g)];
    expect(citations.map((c) => c[1]).sort()).toEqual(Object.keys(paxosActionFunctions).sort());
    for (const [, action, first, last] of citations) {
      expect(lines[Number(first) - 1]).toMatch(new RegExp(`^${action}\\(`));
      expect(lines[Number(last) - 1]!.trim()).not.toBe("");
      expect(lines[Number(last)]!.trim()).toBe("");
    }
  });

  it("declares the twin's variables, in order", () => {
    const declared = /^VARIABLES\n([\s\S]*?)\n\n/m.exec(spec)![1]!;
    const variables = [...declared.matchAll(/^\s+(\w+),?\s+\\\*/gm)].map((m) => m[1]);
    expect(variables).toEqual([...paxosVariables]);
  });
});
