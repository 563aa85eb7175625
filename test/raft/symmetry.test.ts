/**
 * Symmetry of Raft over servers and values: renaming maps the transition
 * relation onto itself and keeps every invariant's truth (so the reduction
 * is sound), and `representative` picks one state per orbit.
 */
import { describe, expect, it } from "vitest";
import { type RaftAction, type RaftState, allFaults, permutations, raftModel, renameState, renamings } from "../../src/raft/index.js";
import { formatTla } from "../../src/tla/value.js";
import { exploreReference } from "../support/reference-explorer.js";

const config = { servers: 3, values: 2, maxTerm: 2, maxLogLength: 1, maxCopies: 1, maxInFlight: 2, ...allFaults } as const;
const model = raftModel(config);
const symmetry = model.symmetry!;
const all = renamings(config.servers, config.values);
const text = (s: RaftState) => formatTla(model.toTla(s));

/**
 * The states of a scripted behaviour that gives the history something to
 * hold: s1 wins term 2 with s2's vote, appends v2, replicates it to s2 and
 * commits it.
 */
function scriptedStates(): RaftState[] {
  const states = [model.initialStates()[0]!];
  const act = (a: RaftAction) => states.push(model.step(states[states.length - 1]!, a)!);
  const deliverAll = () => {
    for (let s = states[states.length - 1]!; s.messages.length > 0; s = states[states.length - 1]!) act({ type: "Receive", m: s.messages[0]!.m });
  };
  act({ type: "Timeout", i: 0 });
  for (const j of [0, 1]) {
    act({ type: "RequestVote", i: 0, j });
    deliverAll();
  }
  act({ type: "BecomeLeader", i: 0 });
  act({ type: "ClientRequest", i: 0, v: 1 });
  act({ type: "AppendEntries", i: 0, j: 1 });
  deliverAll();
  act({ type: "AdvanceCommitIndex", i: 0 });
  return states;
}

/**
 * The scripted states, then states along a fixed pseudo-random walk from
 * the last of them (a linear congruential generator, seed 1, its high bits
 * picking among the successors within the bounds; back to the start of the
 * walk where there is none).
 */
function sampleStates(count: number): RaftState[] {
  const scripted = scriptedStates();
  const start = scripted[scripted.length - 1]!;
  const states: RaftState[] = [...scripted];
  let seed = 1;
  let s = start;
  while (states.length < count) {
    const next: RaftState[] = [];
    model.forEachSuccessor(s, (_a, t) => {
      if (model.constraint!.holds(t) && t !== s) next.push(t);
    });
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    s = next.length === 0 ? start : next[(seed >>> 12) % next.length]!;
    states.push(s);
  }
  return states;
}

const samples = sampleStates(150);

it("the sampled states include some with a history (elections won, entries committed)", () => {
  expect(samples.some((s) => s.elections.length > 0)).toBe(true);
  expect(samples.some((s) => s.committed.length > 0)).toBe(true);
});

describe("renamings of servers and values", () => {
  it("are every permutation: 3! x 2! of them", () => {
    expect(permutations(3)).toHaveLength(6);
    expect(new Set(permutations(4).map((p) => p.join()))).toHaveProperty("size", 24);
    expect(all).toHaveLength(12);
  });

  it("map successors to successors: succ(rename(s)) = rename(succ(s)) as multisets", () => {
    const successors = (s: RaftState) => {
      const out: string[] = [];
      model.forEachSuccessor(s, (_a: RaftAction, t) => out.push(text(t)));
      return out.sort();
    };
    for (const s of samples.slice(0, 25)) {
      for (const r of all) {
        const renamedSuccessors: string[] = [];
        model.forEachSuccessor(s, (_a, t) => renamedSuccessors.push(text(renameState(r, t))));
        expect(successors(renameState(r, s))).toEqual(renamedSuccessors.sort());
      }
    }
  });

  it("rename the history too: leaders in elections, values in committed, each set sorted again", () => {
    const s: RaftState = {
      ...model.initialStates()[0]!,
      elections: [
        { term: 2, leader: 0 },
        { term: 3, leader: 2 },
      ],
      committed: [
        { index: 1, term: 2, value: 0, by: 2 },
        { index: 1, term: 2, value: 1, by: 3 },
      ],
    };
    // Servers 0 -> 2, 1 -> 0, 2 -> 1; values swapped.
    const renamed = renameState({ servers: [2, 0, 1], values: [1, 0] }, s);
    expect(renamed.elections).toEqual([
      { term: 2, leader: 2 },
      { term: 3, leader: 1 },
    ]);
    expect(renamed.committed).toEqual([
      { index: 1, term: 2, value: 0, by: 3 },
      { index: 1, term: 2, value: 1, by: 2 },
    ]);
  });

  it("keep the truth of every invariant and of the bounds", () => {
    for (const s of samples) {
      for (const r of all) {
        const renamed = renameState(r, s);
        for (const invariant of model.invariants) expect(invariant.holds(renamed)).toBe(invariant.holds(s));
        expect(model.constraint!.holds(renamed)).toBe(model.constraint!.holds(s));
      }
    }
  });
});

describe("representative(state)", () => {
  it("declares the sets it permutes", () => {
    expect(symmetry.sets).toEqual(["Server", "Value"]);
  });

  it("is the same for every renaming of a state", () => {
    for (const s of samples) {
      const representative = text(symmetry.representative(s));
      for (const r of all) expect(text(symmetry.representative(renameState(r, s)))).toBe(representative);
    }
  });

  it("is a renaming of the state itself", () => {
    for (const s of samples.slice(0, 50)) {
      const representative = text(symmetry.representative(s));
      expect(all.some((r) => text(renameState(r, s)) === representative)).toBe(true);
    }
  });

  it("differs for states that are not renamings of one another", () => {
    // All reachable states of a two-server config, grouped by orbit by brute
    // force (the TLA+ texts of all renamings), against grouping by representative.
    const small = raftModel({ servers: 2, values: 2, maxTerm: 2, maxLogLength: 1, maxCopies: 1, maxInFlight: 1, ...allFaults });
    const pairs = renamings(2, 2);
    const states = [...exploreReference(small).states.values()];
    const orbitKey = (s: RaftState) =>
      pairs
        .map((r) => formatTla(small.toTla(renameState(r, s))))
        .sort()[0]!;
    const byOrbit = new Set(states.map(orbitKey));
    const byRepresentative = new Set(states.map((s) => formatTla(small.toTla(small.symmetry!.representative(s)))));
    expect(byRepresentative.size).toBe(byOrbit.size);
    expect(byOrbit.size).toBeLessThan(states.length);
  });
});
