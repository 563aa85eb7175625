/**
 * Property tests with fast-check over random behaviours of Raft under
 * bounds larger than the exhaustive checks can cover. The seed is fixed (and
 * shown in the titles) so CI runs are reproducible; a failure prints the
 * shrunk list of choices, which replays the behaviour.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatActionLabel } from "../../model-check/format.js";
import { type RaftAction, type RaftState, allFaults, raftModel } from "../../src/raft/index.js";
import { deepFreeze } from "../support/deep-freeze.js";

const seed = 20261123;
/** Three servers, two values, four terms, logs of three entries, three messages in flight (two copies each). */
const model = raftModel({ servers: 3, values: 2, maxTerm: 4, maxLogLength: 3, maxCopies: 2, maxInFlight: 3, ...allFaults });
const choices = fc.array(fc.nat(), { minLength: 20, maxLength: 120 });

/**
 * How often a step is picked relative to others: messages are mostly
 * delivered and servers mostly make progress, so that behaviours get as far
 * as commits; faults (timeouts, restarts, duplicates, losses) stay rarer.
 */
function weight(a: RaftAction): number {
  switch (a.type) {
    case "Receive":
      return 12;
    case "RequestVote":
    case "BecomeLeader":
    case "ClientRequest":
    case "AdvanceCommitIndex":
    case "AppendEntries":
      return 4;
    case "Timeout":
    case "Restart":
    case "DuplicateMessage":
    case "DropMessage":
      return 1;
  }
}

/** Follows a random behaviour within the bounds: each number picks one of the enabled steps, by weight. */
function walk(picks: readonly number[], onStep: (s: RaftState, a: RaftAction, t: RaftState) => void): void {
  let state = model.initialStates()[0]!;
  for (const pick of picks) {
    const options: [RaftAction, RaftState][] = [];
    let total = 0;
    model.forEachSuccessor(state, (a, t) => {
      if (!model.constraint!.holds(t)) return;
      options.push([a, t]);
      total += weight(a);
    });
    if (options.length === 0) return;
    let at = pick % total;
    let chosen = options[0]!;
    for (const option of options) {
      at -= weight(option[0]);
      if (at < 0) {
        chosen = option;
        break;
      }
    }
    onStep(state, chosen[0], chosen[1]);
    state = chosen[1];
  }
}

describe(`Raft random behaviours (fast-check seed ${seed})`, () => {
  it("never violate an invariant or LeaderAppendOnly", () => {
    let steps = 0;
    let commits = 0;
    fc.assert(
      fc.property(choices, (picks) => {
        walk(picks, (s, a, t) => {
          steps++;
          for (const invariant of model.invariants) {
            expect(invariant.holds(t), `${invariant.name} after ${formatActionLabel(model.actionLabel(a))}`).toBe(true);
          }
          for (const property of model.actionProperties) expect(property.holds(s, a, t), property.name).toBe(true);
          if (t.commitIndex.some((c) => c > 0)) commits++;
        });
      }),
      { seed, numRuns: 300 },
    );
    // Not vacuous: the behaviours went somewhere, and some reached a commit.
    expect(steps).toBeGreaterThan(10_000);
    expect(commits).toBeGreaterThan(0);
  });

  it("step is the enumerated successor, never mutates its (deep-frozen) input, and states survive the codec and TLA+", () => {
    const words = new Int32Array(model.codec.maxWords);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 60 }), (picks) => {
        walk(picks, (s, a, t) => {
          const frozen = deepFreeze(structuredClone(s));
          expect(model.step(frozen, a)).toEqual(t);
          expect(frozen).toEqual(s);
          const length = model.codec.encode(t, words, 0);
          expect(model.codec.decode(words, 0, length)).toEqual(t);
          expect(model.fromTla(model.toTla(t))).toEqual(t);
        });
      }),
      { seed, numRuns: 100 },
    );
  });
});
