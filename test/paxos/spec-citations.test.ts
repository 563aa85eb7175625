/**
 * test/paxos/actions.test.ts cites, for each action, the lines of
 * spec/Paxos.tla that define it: the citations must stay true as the spec
 * changes. (That the twin covers the spec is tested for every spec in
 * test/model-check/spec-map.test.ts.)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot, specDir } from "../../model-check/project-root.js";
import { paxosModel } from "../../src/paxos/index.js";

const spec = readFileSync(join(specDir(), "Paxos.tla"), "utf8");

describe("spec/Paxos.tla as test/paxos/actions.test.ts cites it", () => {
  it("test/paxos/actions.test.ts cites the lines that define each action", () => {
    const lines = spec.split("\n");
    const tests = readFileSync(join(projectRoot(), "test", "paxos", "actions.test.ts"), "utf8");
    const citations = [...tests.matchAll(/(Phase\w+)\([a-z, ]*\), Paxos\.tla lines (\d+)-(\d+)/g)];
    expect(citations.map((c) => c[1]).sort()).toEqual(Object.keys(paxosModel({ acceptorCount: 3, valueCount: 2, maxBallot: 1 }).transitions!.table).sort());
    for (const [, action, first, last] of citations) {
      expect(lines[Number(first) - 1]).toMatch(new RegExp(`^${action}\\(`));
      expect(lines[Number(last) - 1]!.trim()).not.toBe("");
      expect(lines[Number(last)]!.trim()).toBe("");
    }
  });
});
