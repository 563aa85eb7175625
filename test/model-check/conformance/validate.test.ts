/**
 * Log validation: logs written from twin behaviours validate, fully and
 * partially observed; logs with one mistake are rejected at its line.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AnyModel, type Trace, type TwinAction, behaviours, eventOf, parseEvent, parseEvents, raft, resolveOptions, twophase, validateLog } from "tla-twin";
import { formatActionLabel } from "../../../model-check/format.js";
import { replayChoices } from "../../../model-check/conformance/behaviours.js";
import { projectRoot } from "../../../model-check/project-root.js";

const seed = 20261208;
const twoPhase3 = twophase.twoPhase.model({ rm: 3 }) as AnyModel;
// Raft without restarts, duplication or loss, so that a message is received at most once.
const raftElect = raft.raft.model(resolveOptions(raft.raft, raft.raft.presets.find((p) => p.name === "elect")!.options)) as AnyModel;

/** The NDJSON log of a behaviour: each step with the variables in `observe` (none: `[]`; all: left out). */
function logOf(model: AnyModel, trace: Trace<unknown, TwinAction>, observe?: readonly string[]): string[] {
  return trace.steps.map(({ action, state }) => JSON.stringify(observe?.length === 0 ? eventOf(model, action) : eventOf(model, action, state, observe)));
}

/** The behaviour whose steps are labelled as `labels` say, in order (each a pattern for the label as TLC prints it). */
function scenario(model: AnyModel, labels: readonly RegExp[]): Trace<unknown, TwinAction> {
  const initial = model.initialStates()[0]!;
  let state: unknown = initial;
  const steps = labels.map((pattern) => {
    let found: { action: TwinAction; state: unknown } | undefined;
    model.forEachSuccessor(state, (action, next) => {
      if (found === undefined && pattern.test(formatActionLabel(model.actionLabel(action)))) found = { action, state: next };
    });
    if (found === undefined) throw new Error(`no step ${pattern} in the scenario`);
    state = found.state;
    return found;
  });
  return { initial, steps };
}

const validate = (model: AnyModel, lines: readonly string[]) => validateLog(model, parseEvents(lines.join("\n")));

describe("logs of twin behaviours validate", () => {
  it.each([
    ["2PC rm3", twoPhase3, ["tmState"]],
    ["Raft elect", raftElect, ["currentTerm", "state"]],
  ] as const)("%s: fully observed, partially observed, actions only", (_name, model, some) => {
    fc.assert(
      fc.property(behaviours(model, { maxSteps: 30 }), ({ trace }) => {
        for (const observe of [undefined, some, []]) {
          const result = validate(model, logOf(model, trace, observe));
          expect(result).toMatchObject({ valid: true, events: trace.steps.length });
        }
      }),
      { seed, numRuns: 40 },
    );
  });

  it("tracks several twin states when the log does not tell them apart", () => {
    // Two RMs prepare; only the action names are logged, so which RM stays open.
    const result = validateLog(twoPhase3, parseEvents('{"action": "RMPrepare"}\n{"action": "RMPrepare"}'));
    // 3 states after the first event (r1, r2 or r3 prepared), 3 after the second (which pair).
    expect(result).toEqual({ valid: true, events: 2, peakStates: 3 });
  });
});

describe("logs with a mistake are rejected at its line", () => {
  // 2PC: all three RMs prepare, the TM hears of it, commits, r1 learns it.
  const commit = scenario(twoPhase3, [/^RMPrepare\(r1\)/, /^RMPrepare\(r2\)/, /^RMPrepare\(r3\)/, /^TMRcvPrepared\(r1\)/, /^TMRcvPrepared\(r2\)/, /^TMRcvPrepared\(r3\)/, /^TMCommit/, /^RMRcvCommitMsg\(r1\)/]);
  const twoPhaseLog = logOf(twoPhase3, commit, []);

  // Raft: s1 times out, asks itself and s2 for votes, both grant, s1 becomes leader.
  const election = scenario(raftElect, [
    /^Timeout\(s1\)/,
    /^RequestVote\(s1, s1\)/,
    /^RequestVote\(s1, s2\)/,
    /^Receive with m = \[mdest \|-> s1, .*msource \|-> s1, .*"RequestVoteRequest"/,
    // s2 receives the request twice: the first only raises its term (UpdateTerm leaves the message).
    /^Receive with m = \[mdest \|-> s2, .*msource \|-> s1, .*"RequestVoteRequest"/,
    /^Receive with m = \[mdest \|-> s2, .*msource \|-> s1, .*"RequestVoteRequest"/,
    /^Receive with m = \[mdest \|-> s1, msource \|-> s1, .*"RequestVoteResponse"/,
    /^Receive with m = \[mdest \|-> s1, msource \|-> s2, .*"RequestVoteResponse"/,
    /^BecomeLeader\(s1\)/,
  ]);
  const raftLog = logOf(raftElect, election, []);

  const swap = (lines: readonly string[], i: number) => [...lines.slice(0, i), lines[i + 1]!, lines[i]!, ...lines.slice(i + 2)];

  it("the unmutated logs validate", () => {
    expect(validate(twoPhase3, twoPhaseLog).valid).toBe(true);
    expect(validate(raftElect, raftLog).valid).toBe(true);
  });

  it.each([
    // TMCommit (line 7) moved before TMRcvPrepared(r3) (line 6): the TM has not heard from r3 yet.
    ["2PC: commit before the last prepared is received", twoPhase3, swap(twoPhaseLog, 5), 6],
    // TMRcvPrepared(r2) (line 5) dropped: TMCommit, now line 6, is not enabled.
    ["2PC: a missing event", twoPhase3, twoPhaseLog.filter((_, i) => i !== 4), 6],
    // RMPrepare of an RM the config does not have (line 2).
    ["2PC: a wrong parameter", twoPhase3, twoPhaseLog.map((l, i) => (i === 1 ? l.replace("r2_OF_RM", "r4_OF_RM") : l)), 2],
    // BecomeLeader (line 9) before s2's vote is received (line 8): one vote of three is no quorum.
    ["Raft: a reordered event", raftElect, swap(raftLog, 7), 8],
    // RequestVote(s1, s2) (line 3) dropped: s2 receives (line 4 now) a request never sent.
    ["Raft: a missing event", raftElect, raftLog.filter((_, i) => i !== 2), 4],
    // s2 receives s1's request (line 5) with term 3; s1 asked in term 2.
    ["Raft: a wrong term", raftElect, raftLog.map((l, i) => (i === 4 ? l.replace('"mterm":{"#bigint":"2"}', '"mterm":{"#bigint":"3"}') : l)), 5],
    // s2's vote (line 8) received twice: the network of this config never duplicates it.
    ["Raft: a duplicated vote", raftElect, [...raftLog.slice(0, 8), raftLog[7]!, ...raftLog.slice(8)], 9],
  ] as const)("%s", (_name, model, lines, line) => {
    const result = validate(model, lines);
    expect(result.valid).toBe(false);
    if (!result.valid) {
      expect(result.rejected.line).toBe(line);
      expect(result.events).toBe(line - 1);
      expect(result.rejected.possible.length).toBeGreaterThan(0);
    }
  });

  it("rejects an observed value the twin does not reach, at its line", () => {
    const observed = logOf(twoPhase3, commit, ["tmState"]).map((l, i) => (i === 6 ? l.replace('"committed"', '"aborted"') : l));
    const result = validate(twoPhase3, observed);
    expect(result).toMatchObject({ valid: false, rejected: { line: 7 } });
  });
});

describe("the event format", () => {
  it("is the one docs/schemas/events.schema.json describes: the keys the parser accepts, action required", () => {
    const schema = JSON.parse(readFileSync(join(projectRoot(), "docs", "schemas", "events.schema.json"), "utf8"));
    expect(Object.keys(schema.properties).sort()).toEqual(["action", "observed", "params"]);
    expect(schema.required).toEqual(["action"]);
    expect(schema.additionalProperties).toBe(false);
    // Every key the schema allows is read; one it does not is rejected.
    expect(parseEvent('{"action": "A", "params": {}, "observed": {}}', 1)).toMatchObject({ action: "A" });
    expect(() => parseEvent('{"action": "A", "extra": 1}', 1)).toThrow(/unknown key "extra"/);
  });

  it.each([
    ['{"action": "RMPrepare"', /^line 1: not JSON/],
    ['{"params": {}}', /^line 1: "action" must be/],
    ['{"action": "RMPrepare", "param": {}}', /^line 1: unknown key "param"/],
    ['{"action": "RMPrepare", "params": {"r": 1.5}}', /^line 1: params\.r is 1\.5, not an integer/],
    ['{"action": "RMPrepare", "observed": {"rmState": null}}', /^line 1: observed\.rmState is null/],
  ])("rejects %s", (line, message) => {
    expect(() => parseEvents(line)).toThrow(message);
  });

  it("accepts a plain string for a model value (\"r1\" for r1_OF_RM); a set is {#set: [...]}, as a JSON array is a sequence", () => {
    const log = ['{"action": "RMPrepare", "params": {"r": "r1"}, "observed": {"tmState": "init"}}', '{"action": "TMRcvPrepared", "params": {"r": "r1"}, "observed": {"tmPrepared": {"#set": ["r1"]}}}'];
    expect(validate(twoPhase3, log)).toMatchObject({ valid: true, events: 2 });
  });
});

// The million-event run: 2PC keeps stuttering steps (a message received again) enabled, so one behaviour can be that long.
describe.runIf(process.env["TLA_TWIN_SLOW_TESTS"] === "1")("speed (TLA_TWIN_SLOW_TESTS=1)", () => {
  it("validates a fully observed 2PC rm3 log of 1,000,000 events", () => {
    const random = fc.sample(fc.array(fc.nat(), { minLength: 1_000_000, maxLength: 1_000_000 }), { seed, numRuns: 1 })[0]!;
    const trace = replayChoices(twoPhase3, 0, random);
    expect(trace.steps.length).toBe(1_000_000);
    const lines = logOf(twoPhase3, trace);
    const started = performance.now();
    // Parsed line by line as validation asks for them, as the CLI reads a file (one string of them all would pass V8's string limit).
    const events = (function* () {
      for (let i = 0; i < lines.length; i++) yield parseEvent(lines[i]!, i + 1);
    })();
    const result = validateLog(twoPhase3, events);
    const seconds = (performance.now() - started) / 1000;
    expect(result).toMatchObject({ valid: true, events: 1_000_000 });
    console.log(`validated 1,000,000 fully observed 2PC rm3 events in ${seconds.toFixed(1)} s (parsing included)`);
  }, 600_000);
});
