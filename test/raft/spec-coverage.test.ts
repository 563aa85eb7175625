/**
 * The twin covers spec/Raft.tla both ways: every action of `Next` and every
 * handler `Receive` dispatches to (through `ReceiveMessage(m)`) is a function tagged `@tla Raft!<Name>` in
 * src/raft/, every such tag names an operator the spec defines, and the
 * twin's action types are exactly the actions of `Next`.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot, specDir } from "../../model-check/project-root.js";
import { allFaults, raftModel } from "../../src/raft/index.js";
import { exploreReference } from "../support/reference-explorer.js";
import { tlcModelOf } from "../../src/protocol.js";

const spec = readFileSync(join(specDir(), "Raft.tla"), "utf8");

/** The names of the operators the spec defines (`Name ==` or `Name(args) ==` at the start of a line). */
const defined = new Set([...spec.matchAll(/^([A-Za-z][A-Za-z0-9]*)(?:\([^)]*\))?\s*==/gm)].map((m) => m[1]!));

/** The body of a definition: from its `==` to the next blank line. */
function body(name: string): string {
  const start = spec.search(new RegExp(`^${name}(\\([^)]*\\))?\\s*==`, "m"));
  if (start < 0) throw new Error(`${name} is not defined in Raft.tla`);
  const end = spec.indexOf("\n\n", start);
  return spec.slice(start, end < 0 ? undefined : end);
}

/** Operators of the spec that a definition's body refers to. */
function referencedOperators(name: string): string[] {
  const code = body(name)
    .replace(/"[^"]*"/g, "")
    .replace(/\\\*.*$/gm, "");
  const names = [...code.matchAll(/\b([A-Z][A-Za-z0-9]*)\b/g)].map((m) => m[1]!);
  return [...new Set(names.filter((n) => n !== name && defined.has(n)))];
}

const nextActions = referencedOperators("Next");
const handlers = referencedOperators("ReceiveMessage");

const tags = new Set(
  readdirSync(join(projectRoot(), "src", "raft"))
    .filter((f) => f.endsWith(".ts"))
    .flatMap((f) => [...readFileSync(join(projectRoot(), "src", "raft", f), "utf8").matchAll(/@tla Raft!([A-Za-z0-9]+)/g)])
    .map((m) => m[1]!),
);

describe("spec/Raft.tla and src/raft/ cover each other", () => {
  it("finds Next's ten actions and Receive's six handlers (in ReceiveMessage) in the spec", () => {
    expect(referencedOperators("Receive")).toEqual(["ReceiveMessage"]);
    expect(nextActions.sort()).toEqual(
      [
        "AdvanceCommitIndex",
        "AppendEntries",
        "BecomeLeader",
        "ClientRequest",
        "DropMessage",
        "DuplicateMessage",
        "Receive",
        "RequestVote",
        "Restart",
        "Timeout",
      ].sort(),
    );
    expect(handlers.sort()).toEqual(
      [
        "DropStaleResponse",
        "HandleAppendEntriesRequest",
        "HandleAppendEntriesResponse",
        "HandleRequestVoteRequest",
        "HandleRequestVoteResponse",
        "UpdateTerm",
      ].sort(),
    );
  });

  it("every action and handler is a tagged twin function", () => {
    for (const name of [...nextActions, ...handlers]) expect(tags, `@tla Raft!${name}`).toContain(name);
  });

  it("every invariant the shipped configs check is tagged in the twin", () => {
    const model = raftModel({ servers: 2, values: 1, maxTerm: 2, maxLogLength: 1, maxCopies: 1, maxInFlight: 1, ...allFaults });
    for (const invariant of model.invariants) expect(tags, `@tla Raft!${invariant.name}`).toContain(invariant.name);
    expect(tlcModelOf(model).cfg).toContain("LeaderAppendOnly");
    expect(tags).toContain("LeaderAppendsOnly");
    // The configs check StateMachineSafety as its two named parts; the conjunction is tagged too.
    expect(referencedOperators("StateMachineSafety").sort()).toEqual(["CommittedEntriesAgree", "KnownCommittedAreCommitted"]);
    expect(tags).toContain("StateMachineSafety");
    expect(tags).toContain("ReceiveMessage");
  });

  it("the invariants the twin checks are exactly those the shipped configs list, in order", () => {
    const model = raftModel({ servers: 2, values: 1, maxTerm: 2, maxLogLength: 1, maxCopies: 1, maxInFlight: 1, ...allFaults });
    const cfg = tlcModelOf(model).cfg;
    const listed = cfg.slice(cfg.indexOf("INVARIANTS\n") + "INVARIANTS\n".length, cfg.indexOf("PROPERTY")).trim().split(/\s+/);
    expect(model.invariants.map((i) => i.name)).toEqual(listed);
    for (const name of listed) expect(defined, `Raft!${name}`).toContain(name);
  });

  it("MCRaft's MCNext is Next with the faults behind switches: the same actions, in the same order", () => {
    const mc = readFileSync(join(specDir(), "MCRaft.tla"), "utf8");
    const start = mc.search(/^MCNext\s*==/m);
    const mcNext = mc.slice(start, mc.indexOf("\n\n", start));
    const inOrder = (text: string) => [...text.matchAll(/\b([A-Z][A-Za-z0-9]*)\b/g)].map((m) => m[1]!).filter((n) => nextActions.includes(n));
    expect(inOrder(mcNext)).toEqual(inOrder(body("Next")));
    expect(mcNext).toMatch(/\\E i \\in Restarting : Restart\(i\)/);
    expect(mcNext).toMatch(/\\E on \\in Duplicating : DuplicateMessage/);
    expect(mcNext).toMatch(/\\E on \\in Losing : DropMessage/);
  });

  it("every @tla Raft! tag names an operator the spec defines", () => {
    for (const tag of tags) expect(defined, `Raft!${tag}`).toContain(tag);
  });

  it("the twin's action types are exactly Next's actions", () => {
    const model = raftModel({ servers: 2, values: 1, maxTerm: 2, maxLogLength: 1, maxCopies: 1, maxInFlight: 1, ...allFaults });
    const types = new Set(exploreReference(model).edges.map((e) => e.action.type));
    expect([...types].sort()).toEqual([...nextActions].sort());
  });
});
