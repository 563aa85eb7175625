/**
 * Raft's invariants and its action property, one by one, on hand-built
 * states (test/support/invariant-fixtures-raft.ts): for every one, a state
 * (a transition, for LeaderAppendOnly) that breaks it and one that
 * satisfies it, each citing the line of spec/Raft.tla that defines it; each
 * case breaks exactly the other invariants it lists; every fixture state
 * survives the codec and TLA+. Then mutants: every property replaced by a
 * constant, and bounds in src/raft/invariants.ts moved by one (the
 * auditor's `k < both` to `k < both - 1`), are each caught by some check,
 * most by a case at the last index, the last server or the highest term.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../model-check/project-root.js";
import type { ActionProperty, Invariant } from "../../src/protocol.js";
import {
  type RaftAction,
  type RaftState,
  committedEntriesAgree,
  electionSafety,
  initialState,
  knownCommittedAreCommitted,
  stateMachineSafety,
} from "../../src/raft/index.js";
import { type FixtureCheckKind, checkInvariantFixtures, failures } from "../support/invariant-fixtures.js";
import { raftFixtureConfig, raftInvariantFixtures } from "../support/invariant-fixtures-raft.js";
import { type BoundMutant, constantMutants, mutatedSource, newFailures } from "../support/mutate-invariants.js";

const fixtures = raftInvariantFixtures();
const { model } = fixtures;
const checks = checkInvariantFixtures(fixtures);
const failed = (...kinds: FixtureCheckKind[]) => failures(checks.filter((c) => kinds.includes(c.kind)));

describe(`Raft (${model.configLabel}): invariant fixtures`, () => {
  it("cover every invariant and LeaderAppendOnly, both ways, and nothing else", () => {
    expect(Object.keys(fixtures.invariants)).toEqual(model.invariants.map((i) => i.name));
    expect(Object.keys(fixtures.actionProperties)).toEqual(model.actionProperties.map((p) => p.name));
    expect(failed("coverage")).toEqual([]);
  });

  it("each cites the line of spec/Raft.tla that defines its property", () => {
    expect(failed("spec")).toEqual([]);
  });

  for (const [name, f] of [...Object.entries(fixtures.invariants), ...Object.entries(fixtures.actionProperties)]) {
    const cases = [...f.breaks.map((c) => ["breaks", c] as const), ...f.holds.map((c) => ["holds", c] as const)];
    for (const [kind, c] of cases) {
      it(`${name} ${kind === "breaks" ? "is broken by" : "holds for"}: ${c.what}`, () => {
        const mine = checks.filter((check) => check.property === name && check.case === c.what);
        expect(mine.some((check) => check.kind === kind)).toBe(true);
        expect(failures(mine)).toEqual([]);
      });
    }
  }

  it("every fixture state is a state of the config's type (codec and TLA+ round trips), or is refused", () => {
    expect(failed("codec", "tla")).toEqual([]);
  });

  it("replacing any of them by () => true or () => false makes a check fail", () => {
    const results = constantMutants(fixtures as never);
    expect(results).toHaveLength(2 * (model.invariants.length + model.actionProperties.length));
    expect(results.filter((r) => r.failing === 0).map((r) => r.line)).toEqual([]);
  });
});

describe("StateMachineSafety (spec/Raft.tla:504) is the conjunction of its two parts", () => {
  const known = fixtures.invariants["KnownCommittedAreCommitted"]!;
  const agree = fixtures.invariants["CommittedEntriesAgree"]!;
  it("fails where either part fails, and holds where both hold", () => {
    for (const c of [...known.breaks, ...agree.breaks]) expect(stateMachineSafety(c.state), c.what).toBe(false);
    for (const c of [...known.holds, ...agree.holds]) {
      expect(stateMachineSafety(c.state), c.what).toBe(committedEntriesAgree(c.state) && knownCommittedAreCommitted(c.state));
    }
    expect(stateMachineSafety(initialState(3))).toBe(true);
  });
});

describe("what the history adds: breaks that a check of the current state alone could not see", () => {
  it("ElectionSafety: two winners of term 2, of which only one still leads", () => {
    const c = fixtures.invariants["ElectionSafety"]!.breaks[0]!;
    expect(c.state.state.filter((x) => x === "Leader")).toHaveLength(1);
    expect(electionSafety(c.state)).toBe(false);
  });
  it("KnownCommittedAreCommitted: a server knows an entry committed that no leader committed, while no other server knows anything", () => {
    const c = fixtures.invariants["KnownCommittedAreCommitted"]!.breaks[2]!;
    expect(c.state.commitIndex.filter((k) => k > 0)).toHaveLength(1);
    expect(knownCommittedAreCommitted(c.state)).toBe(false);
  });
});

/** Bounds moved by one in src/raft/invariants.ts: `weaker` is caught by a breaking case, `stronger` by a holding one. */
const raftBoundMutants: readonly BoundMutant[] = [
  {
    protocol: "raft",
    invariant: "KnownCommittedAreCommitted",
    within: "knownCommittedAreCommitted",
    from: "k <= known",
    to: "k < known",
    makes: "weaker",
    caughtBy: "s2 knowing its last index committed when only the one before was",
  },
  {
    protocol: "raft",
    invariant: "KnownCommittedAreCommitted",
    within: "knownCommitted",
    from: "Math.min(s.commitIndex[i]!, s.log[i]!.length)",
    to: "s.commitIndex[i]!",
    makes: "stronger",
    caughtBy: "commitIndex one past the log, where only the entry held counts",
  },
  {
    protocol: "raft",
    invariant: "CommittedEntriesAgree",
    within: "committedEntriesAgree",
    from: "x < k;",
    to: "x < k - 1;",
    makes: "weaker",
    caughtBy: "the last index committed with two values",
  },
  {
    protocol: "raft",
    invariant: "ElectionSafety",
    within: "electionSafety",
    from: "x < k;",
    to: "x < k - 1;",
    makes: "weaker",
    caughtBy: "two winners of term 2, one stepped down",
  },
  {
    protocol: "raft",
    invariant: "LeaderCompleteness",
    within: "leaderCompleteness",
    from: "term <= r.by",
    to: "term < r.by",
    makes: "stronger",
    caughtBy: "the leader of the committing term itself, which is not asked",
  },
  {
    protocol: "raft",
    invariant: "LeaderCompleteness",
    within: "leaderCompleteness",
    from: "l < n;",
    to: "l < n - 1;",
    makes: "weaker",
    caughtBy: "the leader of term 3 being s3, the last server",
  },
  {
    protocol: "raft",
    invariant: "LeaderCompleteness",
    within: "leaderCompleteness",
    from: "e.term !== r.term || e.value !== r.value",
    to: "e.term !== r.term",
    makes: "weaker",
    caughtBy: "the later leader holding the committed term's entry with the other value",
  },
  {
    protocol: "raft",
    invariant: "KnownCommittedAreCommitted",
    within: "isCommitted",
    from: "r.term === e.term && r.value === e.value",
    to: "r.term === e.term",
    makes: "weaker",
    caughtBy: "s3 knowing v2 committed where v1 was, in the same term",
  },
  {
    protocol: "raft",
    invariant: "LogMatching",
    within: "logsMatch",
    from: "x < k;",
    to: "x < k - 1;",
    makes: "weaker",
    caughtBy: "two entries of term 2 at the last index with different values",
  },
  {
    protocol: "raft",
    invariant: "CommitIndexInLog",
    within: "commitIndexInLog",
    from: "s.commitIndex[i]! > s.log[i]!.length",
    to: "s.commitIndex[i]! > s.log[i]!.length + 1",
    makes: "weaker",
    caughtBy: "commitIndex one past the log",
  },
  {
    protocol: "raft",
    invariant: "LeaderAppendOnly",
    within: "isPrefix",
    from: "k < prefix.length;",
    to: "k < prefix.length - 1;",
    makes: "weaker",
    caughtBy: "the leader's last entry replaced",
  },
  {
    protocol: "raft",
    invariant: "TypeOK",
    within: "isCommittedEntry",
    from: "c.value < b.values",
    to: "c.value <= b.values",
    makes: "weaker",
    caughtBy: "a committed record with v3, one past the last value",
  },
];

describe("bounds moved by one in src/raft/invariants.ts are caught by a case at the boundary", () => {
  for (const mutant of raftBoundMutants) {
    it(`${mutant.invariant}: ${mutant.within} \`${mutant.from}\` -> \`${mutant.to}\` (${mutant.makes}) is caught by ${mutant.caughtBy}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "tla-twin-raft-mutant-"));
      try {
        const file = join(dir, "invariants.mts");
        writeFileSync(file, mutatedSource(projectRoot(), "src/raft/invariants.ts", mutant));
        const mutated = (await import(file)) as typeof import("../../src/raft/invariants.js");
        const invariants = mutated.raftInvariants(raftFixtureConfig) as readonly Invariant<RaftState>[];
        const actionProperties = mutated.raftActionProperties as readonly ActionProperty<RaftState, RaftAction>[];
        expect(newFailures(fixtures as never, { ...model, invariants, actionProperties } as never)).toBeGreaterThan(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
