/**
 * What is particular to spec/Raft.tla, read with the same reader of TLA+ as
 * every other spec (model-check/spec-map.ts; the coverage every twin must
 * have is tested for all of them in test/model-check/spec-map.test.ts):
 * `Receive` reaches exactly the six message handlers, the shipped configs
 * check exactly the twin's invariants, and MCRaft's `MCNext` is `Next` with
 * the faults behind switches.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { specDir } from "../../model-check/project-root.js";
import { actionsOfNext, readSpecOperators, stepsReachedFrom } from "../../model-check/spec-map.js";
import { tlcModelOf } from "../../src/protocol.js";
import { allFaults, raftModel } from "../../src/raft/index.js";

const operators = readSpecOperators(readFileSync(join(specDir(), "Raft.tla"), "utf8"));
const defined = new Set(operators.map((o) => o.name));
const model = raftModel({ servers: 2, values: 1, maxTerm: 2, maxLogLength: 1, maxCopies: 1, maxInFlight: 1, ...allFaults });
const nextActions = actionsOfNext(operators).map((o) => o.name);

describe("spec/Raft.tla", () => {
  it("has Next's ten actions, and Receive reaches the six handlers of ReceiveMessage", () => {
    expect([...nextActions].sort()).toEqual(
      ["AdvanceCommitIndex", "AppendEntries", "BecomeLeader", "ClientRequest", "DropMessage", "DuplicateMessage", "Receive", "RequestVote", "Restart", "Timeout"].sort(),
    );
    const handlers = stepsReachedFrom(operators).map((o) => o.name).filter((name) => !nextActions.includes(name));
    expect(handlers.sort()).toEqual(
      ["DropStaleResponse", "HandleAppendEntriesRequest", "HandleAppendEntriesResponse", "HandleRequestVoteRequest", "HandleRequestVoteResponse", "UpdateTerm"].sort(),
    );
  });

  it("the invariants the twin checks are exactly those the shipped configs list, in order", () => {
    const cfg = tlcModelOf(model).cfg;
    const listed = cfg.slice(cfg.indexOf("INVARIANTS\n") + "INVARIANTS\n".length, cfg.indexOf("PROPERTY")).trim().split(/\s+/);
    expect(model.invariants.map((i) => i.name)).toEqual(listed);
    for (const name of listed) expect(defined, `Raft!${name}`).toContain(name);
    expect(cfg).toContain("LeaderAppendOnly");
  });

  it("MCRaft's MCNext is Next with the faults behind switches: the same actions, in the same order", () => {
    const mcNext = readSpecOperators(readFileSync(join(specDir(), "MCRaft.tla"), "utf8")).find((o) => o.name === "MCNext")!.body;
    const next = operators.find((o) => o.name === "Next")!.body;
    const inOrder = (text: string) => [...text.matchAll(/\b([A-Z][A-Za-z0-9]*)\b/g)].map((m) => m[1]!).filter((n) => nextActions.includes(n));
    expect(inOrder(mcNext)).toEqual(inOrder(next));
    expect(mcNext).toMatch(/\\E i \\in Restarting : Restart\(i\)/);
    expect(mcNext).toMatch(/\\E on \\in Duplicating : DuplicateMessage/);
    expect(mcNext).toMatch(/\\E on \\in Losing : DropMessage/);
  });
});
