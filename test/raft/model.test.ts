/**
 * The Raft model as a whole: the model contract on configs smaller than
 * the presets, the checker's counts against TLC's figures in
 * spec/manifest.json (each produced by TLC on spec/MCRaft.tla with the
 * preset's MCRaft_<preset>.cfg), and the shipped configs against tlcModel().
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import { readManifest } from "../../model-check/manifest.js";
import { specDir } from "../../model-check/project-root.js";
import { resolveOptions, tlcModelOf } from "../../src/protocol.js";
import {
  type RaftAction,
  type RaftConfig,
  type RaftState,
  allFaults,
  initialState,
  raft,
  raftConfigFromOptions,
  raftModel,
  raftTlcConfig,
} from "../../src/raft/index.js";
import { findProtocol } from "../../src/registry.js";
import { itConformsToTheModelContract } from "../support/model-conformance.js";

const base: RaftConfig = { servers: 2, values: 1, maxTerm: 2, maxLogLength: 1, maxCopies: 1, maxInFlight: 1, ...allFaults };

describe.each([
  // One server: it elects itself and commits alone; two values, two terms of entries.
  ["1 server, 2 values, terms to 3, logs to 2", { ...base, servers: 1, values: 2, maxTerm: 3, maxLogLength: 2, maxInFlight: 2 }],
  // Duplicated messages: two copies of one message in flight.
  ["1 server, 2 copies in flight", { ...base, servers: 1, maxCopies: 2, maxInFlight: 2 }],
  // Two servers, one message at a time: elections, replication, commits.
  ["2 servers, one message in flight", base],
] as const)("Raft with %s follows the model contract", (_label, config) => {
  itConformsToTheModelContract(() => raftModel(config));
});

describe("Raft counts equal TLC's (spec/manifest.json)", () => {
  const entries = readManifest().models.filter((m) => m.protocol === "raft");

  it("has TLC figures for the tiny and small presets", () => {
    expect(entries.map((e) => e.preset).sort()).toEqual(expect.arrayContaining(["small", "tiny"]));
  });

  it("has TLC figures for every quick preset", () => {
    for (const preset of raft.presets.filter((p) => p.quick)) expect(entries.map((e) => e.preset)).toContain(preset.name);
  });

  for (const entry of entries.filter((e) => raft.presets.find((p) => p.name === e.preset)?.quick)) {
    // With symmetry (TLC: SYMMETRY Symmetry), both sides count orbits.
    const symmetry = raft.presets.find((p) => p.name === entry.preset)?.symmetry === true;
    const title = `${entry.preset}: ${entry.tlc.distinctStates} distinct, ${entry.tlc.statesGenerated} generated, depth ${entry.tlc.depth}`;
    // npm run check (CI) compares every quick preset with these figures; here only the quick ones run, the rest nightly.
    const nightlyOnly = entry.tlc.distinctStates > 300_000 && process.env["TLA_TWIN_SLOW_TESTS"] !== "1";
    it.skipIf(nightlyOnly)(title + (symmetry ? " (orbits)" : "") + (nightlyOnly ? ": over 300,000 states, npm run check and the nightly set compare it" : ""), () => {
      const result = bfs(raft.model(resolveOptions(raft, entry.options)), { checkDeadlock: true, symmetry });
      expect(result.violation).toBeNull();
      expect({ distinctStates: result.distinctStates, statesGenerated: result.statesGenerated, depth: result.depth }).toEqual(
        entry.tlc,
      );
    });
  }

  it("each preset's options are the ones recorded with its TLC figures", () => {
    // The manifest records every option resolved, defaults included (npm run tlc:golden writes them so).
    for (const entry of entries) expect(resolveOptions(raft, raft.presets.find((p) => p.name === entry.preset)!.options)).toEqual(entry.options);
  });

  it("each shipped .cfg is exactly raftTlcConfig of its preset (the model's own cfg, plus SYMMETRY where the preset has it)", () => {
    for (const preset of raft.presets) {
      const options = resolveOptions(raft, preset.options);
      const model = raft.model(options);
      const symmetry = preset.symmetry === true;
      const cfg = raftTlcConfig(raftConfigFromOptions(options), { symmetry });
      // Every preset runs MCRaft's bounds; figure37 starts from Figure 3.7 (c), in the module that extends MCRaft with that start.
      const module = options["figure-3-7"] === 1 ? "MCRaftFigure37" : "MCRaft";
      expect(readFileSync(join(specDir(), `${module}_${preset.name}.cfg`), "utf8")).toBe(cfg);
      expect(tlcModelOf(model).cfg).toBe(raftTlcConfig(raftConfigFromOptions(options)));
      expect(cfg.endsWith("SYMMETRY Symmetry\n")).toBe(symmetry);
      expect(tlcModelOf(model).module).toBe(module);
    }
    for (const entry of entries) expect(entry.cfg).toBe(`${entry.module}_${entry.preset}.cfg`);
  });
});

describe("the Raft protocol entry", () => {
  it("is registered under its CLI name", () => {
    expect(findProtocol("raft")).toBe(raft);
  });

  it("rejects bounds outside its ranges with a message that names the flag and the range", () => {
    expect(() => resolveOptions(raft, { "max-term": 0 })).toThrow("--max-term must be an integer from 1 to 15");
    expect(() => resolveOptions(raft, { servers: 6 })).toThrow("--servers must be an integer from 1 to 5");
    expect(() => resolveOptions(raft, { "max-log": 8 })).toThrow("--max-log must be an integer from 0 to 7");
    expect(() => resolveOptions(raft, { "max-in-flight": 0 })).toThrow("--max-in-flight must be an integer from 1 to 8");
  });

  it("labels the config with every bound", () => {
    expect(raft.model(resolveOptions(raft, {})).configLabel).toBe(
      "servers=3 values=1 max-term=2 max-log=1 max-copies=1 max-in-flight=1 restarts=1 duplication=1 loss=1",
    );
  });

  it("defaults to the small preset's bounds", () => {
    expect(resolveOptions(raft, {})).toEqual(resolveOptions(raft, raft.presets.find((p) => p.name === "small")!.options));
  });
});

describe("the tiny preset is not vacuous: the checker reaches what the invariants are about", () => {
  const model = raft.model(resolveOptions(raft, raft.presets.find((p) => p.name === "tiny")!.options));
  /** Whether some reachable state satisfies `p`: a search for a state where "not p" fails. */
  const reaches = (p: (s: RaftState) => boolean) =>
    bfs({ ...model, invariants: [{ name: "never", description: "", holds: (s: RaftState) => !p(s) }] }, { checkDeadlock: false })
      .violation !== null;

  it("a committed entry, known to both servers", () => {
    expect(reaches((s) => s.commitIndex.every((c) => c > 0))).toBe(true);
  });
  it("a leader of term 3 after a leader of term 2 (two elections)", () => {
    expect(reaches((s) => s.state.includes("Leader") && s.currentTerm.some((t, i) => t === 3 && s.state[i] === "Leader") && s.log.some((l) => l.some((e) => e.term === 2)))).toBe(true);
  });
  it("but no conflicting entries: with two servers every leader has the other's vote, so its log is as up to date", () => {
    const removal = bfs(
      {
        ...model,
        actionProperties: [{ name: "no removal", description: "", holds: (s, _a, t) => t.log.every((l, i) => l.length >= s.log[i]!.length) }],
      },
      { checkDeadlock: false },
    );
    expect(removal.violation).toBeNull();
  });
});

describe("conflicting entries (three servers, from a state tiny and small cannot reach)", () => {
  // s1 leads term 3 with [3] at index 1; s2 holds two entries of term 2;
  // s3 voted for s1. The same start state, given to TLC as Init, gave
  // TLC's figures 131,314 distinct / 1,911,333 generated / depth 42, equal
  // to the checker's (a one-off cross-check made before the history
  // variables existed, see docs/raft.md).
  const config: RaftConfig = { servers: 3, values: 2, maxTerm: 3, maxLogLength: 2, maxCopies: 1, maxInFlight: 2, ...allFaults };
  const start: RaftState = {
    currentTerm: [3, 3, 3],
    state: ["Leader", "Follower", "Follower"],
    votedFor: [0, null, 0],
    log: [[{ term: 3, value: 0 }], [{ term: 2, value: 1 }, { term: 2, value: 0 }], []],
    commitIndex: [0, 0, 0],
    votesResponded: [0b101, 0, 0],
    votesGranted: [0b101, 0, 0],
    nextIndex: [[2, 2, 2], [1, 1, 1], [1, 1, 1]],
    matchIndex: [[0, 0, 0], [0, 0, 0], [0, 0, 0]],
    messages: [],
    // The history that goes with it: s1 won term 3, nothing is committed.
    elections: [{ term: 3, leader: 0 }],
    committed: [],
  };
  const model = { ...raftModel(config), initialStates: () => [start] };

  it("are removed one by one until the follower's log matches the leader's, without breaking an invariant", () => {
    const result = bfs(
      {
        ...model,
        invariants: [
          ...model.invariants,
          { name: "NotYetReplaced", description: "", holds: (s: RaftState) => !(s.log[1]!.length === 1 && s.log[1]![0]!.term === 3) },
        ],
      },
      { checkDeadlock: false },
    );
    expect(result.violation?.kind === "invariant" && result.violation.name).toBe("NotYetReplaced");
    const removals = result.violation!.trace.steps.filter((step, k, steps) => {
      const before = k === 0 ? start : steps[k - 1]!.state;
      return step.state.log[1]!.length < before.log[1]!.length;
    });
    expect(removals).toHaveLength(2);
  });
});

describe("LeaderAppendOnly", () => {
  it("fails for a step in which a leader's log loses an entry", () => {
    const property = raftModel(base).actionProperties.find((p) => p.name === "LeaderAppendOnly")!;
    const before: RaftState = { ...initialState(2), state: ["Leader", "Follower"], log: [[{ term: 2, value: 0 }], []] };
    const after: RaftState = { ...before, log: [[], []] };
    const replaced: RaftState = { ...before, log: [[{ term: 2, value: 1 }], []] };
    const appended: RaftState = { ...before, log: [[{ term: 2, value: 0 }, { term: 2, value: 0 }], []] };
    const action = { type: "Restart", i: 0 } as const;
    expect(property.holds(before, action, after)).toBe(false);
    expect(property.holds(before, action, replaced)).toBe(false);
    expect(property.holds(before, action, appended)).toBe(true);
    // A follower's log may shrink.
    expect(property.holds(before, action, { ...before, log: [[{ term: 2, value: 0 }], []] })).toBe(true);
  });
});

describe("MCRaft's fault switches (Restarts, Duplication, Loss): MCNext without the faults switched off", () => {
  const withFaults = raftModel(base);
  const without = raftModel({ ...base, restarts: false, duplication: false, loss: false });
  // s1 a candidate of term 2 with its own vote request in flight: every fault is enabled here.
  const s = withFaults.step(withFaults.step(withFaults.initialStates()[0]!, { type: "Timeout", i: 0 })!, { type: "RequestVote", i: 0, j: 0 })!;
  const types = (model: typeof without) => {
    const out: string[] = [];
    model.forEachSuccessor(s, (a) => out.push(a.type));
    return out;
  };

  it("enumerates no Restart, DuplicateMessage or DropMessage step, and step refuses them", () => {
    expect(types(withFaults)).toEqual(expect.arrayContaining(["Restart", "DuplicateMessage", "DropMessage"]));
    expect(types(without).filter((t) => ["Restart", "DuplicateMessage", "DropMessage"].includes(t))).toEqual([]);
    const m = s.messages[0]!.m;
    expect(without.step(s, { type: "Restart", i: 0 })).toBeUndefined();
    expect(without.step(s, { type: "DuplicateMessage", m })).toBeUndefined();
    expect(without.step(s, { type: "DropMessage", m })).toBeUndefined();
    expect(without.step(s, { type: "Receive", m })).toEqual(withFaults.step(s, { type: "Receive", m }));
  });

  it("keeps every other step, in the same order", () => {
    expect(types(without)).toEqual(types(withFaults).filter((t) => !["Restart", "DuplicateMessage", "DropMessage"].includes(t)));
  });

  it("switches each fault on its own", () => {
    for (const [flag, type] of [["restarts", "Restart"], ["duplication", "DuplicateMessage"], ["loss", "DropMessage"]] as const) {
      const only = raftModel({ ...base, restarts: false, duplication: false, loss: false, [flag]: true });
      expect(types(only).filter((t) => ["Restart", "DuplicateMessage", "DropMessage"].includes(t)), flag).toContain(type);
      expect(new Set(types(only).filter((t) => ["Restart", "DuplicateMessage", "DropMessage"].includes(t))), flag).toEqual(new Set([type]));
    }
  });

  it("print as the cfg's Restarts, Duplication and Loss", () => {
    const cfg = tlcModelOf(without).cfg;
    expect(cfg).toContain("  Restarts = FALSE\n  Duplication = FALSE\n  Loss = FALSE\n");
    expect(cfg).toContain("SPECIFICATION MCSpec\n");
    expect(tlcModelOf(withFaults).cfg).toContain("  Restarts = TRUE\n  Duplication = TRUE\n  Loss = TRUE\n");
  });
});

describe("each quick preset reaches what it is for (so that its invariants are not vacuous there)", () => {
  const presetModel = (name: string) => {
    const preset = raft.presets.find((p) => p.name === name)!;
    return { model: raft.model(resolveOptions(raft, preset.options)), symmetry: preset.symmetry === true };
  };
  /** Whether a state satisfying `p` is reachable (the search stops at the first). Predicates are symmetric, so symmetry keeps them. */
  const reaches = (name: string, p: (s: RaftState) => boolean) => {
    const { model, symmetry } = presetModel(name);
    const never = [{ name: "never", description: "", holds: (s: RaftState) => !p(s) }];
    return bfs({ ...model, invariants: never }, { checkDeadlock: false, symmetry }).violation !== null;
  };
  /** Whether a step satisfying `p` is taken. */
  const takes = (name: string, p: (s: RaftState, a: RaftAction, t: RaftState) => boolean) => {
    const { model, symmetry } = presetModel(name);
    const never = [{ name: "never", description: "", holds: (s: RaftState, a: RaftAction, t: RaftState) => !p(s, a, t) }];
    return bfs({ ...model, actionProperties: never }, { checkDeadlock: false, symmetry }).violation !== null;
  };
  const shrinks = (s: RaftState, t: RaftState) => t.log.some((l, i) => l.length < s.log[i]!.length);

  it("elect: an entry committed, then a leader of a later term", () => {
    expect(reaches("elect", (s) => s.committed.some((r) => s.elections.some((e) => e.term > r.by)))).toBe(true);
  });
  it("elect: a follower removes a conflicting entry", () => {
    expect(takes("elect", (s, a, t) => a.type === "Receive" && shrinks(s, t))).toBe(true);
  });
  it("faults: a message delivered while a second copy of it is in flight, and one delivered ahead of another", () => {
    expect(takes("faults", (s, a) => a.type === "Receive" && s.messages.some((x) => x.copies > 1 && x.m === a.m))).toBe(true);
    expect(takes("faults", (s, a) => a.type === "Receive" && s.messages.length > 1 && s.messages[0]!.m !== a.m)).toBe(true);
  });
  it("faults: a stale response dropped, and a restart after a commit", () => {
    expect(
      takes("faults", (s, a) => a.type === "Receive" && a.m.mtype.endsWith("Response") && a.m.mterm < s.currentTerm[a.m.mdest]!),
    ).toBe(true);
    expect(takes("faults", (s, a) => a.type === "Restart" && s.commitIndex[a.i]! > 0)).toBe(true);
  });
  it("values: two different values committed at two indexes", () => {
    expect(reaches("values", (s) => s.committed.some((r) => s.committed.some((q) => q.index !== r.index && q.value !== r.value)))).toBe(
      true,
    );
  });
  it("restart: a server restarts after voting, and an election follows", () => {
    expect(takes("restart", (s, a) => a.type === "Restart" && s.votedFor[a.i] !== null && s.elections.length > 0)).toBe(true);
  });
});

describe("each quick preset catches the bug-zoo variant it is for", () => {
  it.each([
    ["elect", "vote-without-log-check"],
    ["faults", "count-stale-votes"],
    ["restart", "forget-vote-on-restart"],
    ["tiny", "keep-earlier-votes"],
    ["elect", "accept-older-leader"],
    ["tiny", "log-not-persisted"],
    ["figure37", "commit-previous-term"],
  ])("%s catches %s", (name, variant) => {
    const preset = raft.presets.find((p) => p.name === name)!;
    const model = raft.model(resolveOptions(raft, preset.options), variant);
    const result = bfs(model, { checkDeadlock: false, symmetry: preset.symmetry === true });
    const breaks = raft.variants.find((v) => v.name === variant)!.breaks;
    expect(result.violation !== null && result.violation.kind !== "deadlock" && result.violation.name).toBe(breaks);
  });
});

describe("the codec's room for the history", () => {
  const config: RaftConfig = { ...base, servers: 3, values: 2, maxTerm: 3, maxLogLength: 2 };
  const model = raftModel(config);
  const words = new Int32Array(model.codec.maxWords);
  const roundTrip = (s: RaftState) => model.codec.decode(words, 0, model.codec.encode(s, words, 0));

  it("encodes every election up to MaxTerm and every record a config can reach, within maxWords", () => {
    // Every (index, term, value, by) with index <= MaxLogLength, terms <= MaxTerm: 2 * 3 * 2 * 3 = 36 records.
    const committed = [];
    for (let index = 1; index <= 2; index++)
      for (let term = 1; term <= 3; term++) for (let value = 0; value < 2; value++) for (let by = 1; by <= 3; by++) committed.push({ index, term, value, by });
    const elections = [1, 2, 3].flatMap((term) => [0, 1, 2].map((leader) => ({ term, leader })));
    const s: RaftState = { ...initialState(3), elections, committed };
    expect(model.codec.encode(s, words, 0)).toBeLessThanOrEqual(model.codec.maxWords);
    expect(roundTrip(s)).toEqual(s);
  });

  it("throws a RangeError for an election beyond MaxTerm, or a record that does not fit", () => {
    expect(() => model.codec.encode({ ...initialState(3), elections: [{ term: 4, leader: 0 }] }, words, 0)).toThrow(RangeError);
    expect(() => model.codec.encode({ ...initialState(3), committed: [{ index: 16, term: 1, value: 0, by: 1 }] }, words, 0)).toThrow(
      RangeError,
    );
    const tooMany = Array.from({ length: 37 }, (_, k) => ({ index: 1, term: 1, value: 0, by: k + 1 }));
    expect(() => model.codec.encode({ ...initialState(3), committed: tooMany }, words, 0)).toThrow(RangeError);
  });
});
