/**
 * Raft states and actions as TLA+ values, in the shapes TLC prints for
 * spec/MCRaft.tla: per-server functions, logs of records, `Nil`, the bag of
 * messages as a function to counts, and action labels as TLC writes them.
 */
import { describe, expect, it } from "vitest";
import {
  type AppendEntriesRequest,
  type RaftState,
  allFaults,
  initialState,
  raftActionLabel,
  raftModel,
  withMessage,
} from "../../src/raft/index.js";
import {
  type TlaValue,
  TlaShapeError,
  field,
  formatTla,
  tlaInt,
  tlaModelValue,
  tlaRecord,
  tlaSet,
  tlaString,
} from "../../src/tla/value.js";
import { formatActionLabel } from "../../model-check/format.js";

const model = raftModel({ servers: 2, values: 2, maxTerm: 3, maxLogLength: 2, maxCopies: 2, maxInFlight: 2, ...allFaults });
const request: AppendEntriesRequest = {
  mtype: "AppendEntriesRequest",
  mterm: 2,
  mprevLogIndex: 0,
  mprevLogTerm: 0,
  mentries: [{ term: 2, value: 1 }],
  mcommitIndex: 0,
  msource: 0,
  mdest: 1,
};
const state: RaftState = {
  ...initialState(2),
  currentTerm: [2, 2],
  state: ["Leader", "Follower"],
  votedFor: [0, null],
  log: [[{ term: 2, value: 1 }], []],
  messages: withMessage(withMessage([], request), request),
};

function variable(s: RaftState, name: string): string {
  return formatTla(field(model.toTla(s), name));
}

describe("toTla prints each variable as TLC does", () => {
  it("per-server functions, Nil, logs of records", () => {
    expect(variable(state, "currentTerm")).toBe("(s1 :> 2 @@ s2 :> 2)");
    expect(variable(state, "state")).toBe('(s1 :> "Leader" @@ s2 :> "Follower")');
    expect(variable(state, "votedFor")).toBe("(s1 :> s1 @@ s2 :> Nil)");
    expect(variable(state, "log")).toBe("(s1 :> <<[term |-> 2, value |-> v2]>> @@ s2 :> <<>>)");
    expect(variable(state, "votesGranted")).toBe("(s1 :> {} @@ s2 :> {})");
    expect(variable(state, "nextIndex")).toBe("(s1 :> (s1 :> 1 @@ s2 :> 1) @@ s2 :> (s1 :> 1 @@ s2 :> 1))");
  });

  it("the bag of messages as a function from message records to counts, the empty bag as <<>>", () => {
    expect(variable(state, "messages")).toBe(
      "([mcommitIndex |-> 0, mdest |-> s2, mentries |-> <<[term |-> 2, value |-> v2]>>, mprevLogIndex |-> 0, " +
        'mprevLogTerm |-> 0, msource |-> s1, mterm |-> 2, mtype |-> "AppendEntriesRequest"] :> 2)',
    );
    expect(variable(initialState(2), "messages")).toBe("<<>>");
  });

  it("the history variables as sets of records, the empty set as {}", () => {
    const withHistory: RaftState = {
      ...state,
      elections: [
        { term: 2, leader: 0 },
        { term: 3, leader: 1 },
      ],
      committed: [{ index: 1, term: 2, value: 1, by: 2 }],
    };
    expect(variable(withHistory, "elections")).toBe("{[leader |-> s1, term |-> 2], [leader |-> s2, term |-> 3]}");
    expect(variable(withHistory, "committed")).toBe("{[by |-> 2, index |-> 1, term |-> 2, value |-> v2]}");
    expect(variable(initialState(2), "elections")).toBe("{}");
    expect(variable(initialState(2), "committed")).toBe("{}");
    expect(model.fromTla(model.toTla(withHistory))).toEqual(withHistory);
  });

  it("and reads it back", () => {
    expect(model.fromTla(model.toTla(state))).toEqual(state);
  });

  it("reads a set of records in any order into the twin's sorted arrays", () => {
    const record = model.toTla(initialState(2));
    if (record.kind !== "record") throw new Error("not a record");
    const elections = tlaSet([
      tlaRecord({ term: tlaInt(3), leader: tlaModelValue("s1") }),
      tlaRecord({ term: tlaInt(2), leader: tlaModelValue("s2") }),
    ]);
    const read = model.fromTla(tlaRecord({ ...Object.fromEntries(record.fields), elections }));
    expect(read.elections).toEqual([
      { term: 2, leader: 1 },
      { term: 3, leader: 0 },
    ]);
  });
});

describe("fromTla rejects values that are not states of the config", () => {
  const record = model.toTla(state);
  const replaced = (name: string, value: TlaValue): TlaValue =>
    record.kind === "record" ? tlaRecord(Object.fromEntries(record.fields.map(([k, v]) => [k, k === name ? value : v]))) : record;

  it("a server outside the config", () => {
    const threeServers = raftModel({ ...baseConfig(), servers: 3 });
    const votedForS3 = field(threeServers.toTla({ ...initialState(3), votedFor: [2, null, null] }), "votedFor");
    expect(() => model.fromTla(replaced("votedFor", votedForS3))).toThrow(TlaShapeError);
  });

  it("a missing or extra variable, a message with the wrong fields, zero copies", () => {
    if (record.kind !== "record") throw new Error("not a record");
    expect(() => model.fromTla(tlaRecord(Object.fromEntries(record.fields.filter(([k]) => k !== "messages"))))).toThrow(TlaShapeError);
    expect(() => model.fromTla(tlaRecord({ ...Object.fromEntries(record.fields), extra: tlaInt(0) }))).toThrow(TlaShapeError);
    const message = tlaRecord({ mtype: tlaString("RequestVoteResponse"), mterm: tlaInt(2), mvoteGranted: tlaInt(1) });
    expect(() =>
      model.fromTla(replaced("messages", { kind: "function", entries: [[message, tlaInt(1)]] })),
    ).toThrow(TlaShapeError);
    const goodMessage = field(record, "messages");
    if (goodMessage.kind !== "function") throw new Error("not a function");
    expect(() =>
      model.fromTla(replaced("messages", { kind: "function", entries: [[goodMessage.entries[0]![0], tlaInt(0)]] })),
    ).toThrow(TlaShapeError);
  });

  it("a history record with a missing or extra field, or naming a server or value outside the config", () => {
    const election = (fields: Record<string, TlaValue>) => replaced("elections", tlaSet([tlaRecord(fields)]));
    expect(() => model.fromTla(election({ term: tlaInt(2) }))).toThrow(TlaShapeError);
    expect(() => model.fromTla(election({ term: tlaInt(2), leader: tlaModelValue("s3") }))).toThrow(TlaShapeError);
    const entry = { index: tlaInt(1), term: tlaInt(2), value: tlaModelValue("v1"), by: tlaInt(2) };
    expect(() => model.fromTla(replaced("committed", tlaSet([tlaRecord({ ...entry, extra: tlaInt(0) })])))).toThrow(TlaShapeError);
    expect(() => model.fromTla(replaced("committed", tlaSet([tlaRecord({ ...entry, value: tlaModelValue("v3") })])))).toThrow(
      TlaShapeError,
    );
    expect(() => model.fromTla(replaced("committed", tlaInt(0)))).toThrow(TlaShapeError);
  });
});

function baseConfig() {
  return { servers: 2, values: 2, maxTerm: 3, maxLogLength: 2, maxCopies: 2, maxInFlight: 2, ...allFaults };
}

describe("action labels", () => {
  it("carry the operator's parameters, as TLC prints them: Timeout(s1), RequestVote(s1,s2), ClientRequest(s1,v2)", () => {
    expect(formatActionLabel(raftActionLabel({ type: "Timeout", i: 0 }))).toBe("Timeout(s1)");
    expect(formatActionLabel(raftActionLabel({ type: "RequestVote", i: 0, j: 1 }))).toBe("RequestVote(s1, s2)");
    expect(formatActionLabel(raftActionLabel({ type: "ClientRequest", i: 0, v: 1 }))).toBe("ClientRequest(s1, v2)");
    expect(raftActionLabel({ type: "AppendEntries", i: 1, j: 0 }).params.map(([k, v]) => `${k}=${formatTla(v)}`)).toEqual([
      "i=s2",
      "j=s1",
    ]);
  });

  it("name Receive, DuplicateMessage and DropMessage without parameters, with the message as a witness", () => {
    for (const type of ["Receive", "DuplicateMessage", "DropMessage"] as const) {
      const label = raftActionLabel({ type, m: request });
      expect(label.name).toBe(type);
      expect(label.params).toEqual([]);
      expect(label.witnesses.map(([k]) => k)).toEqual(["m"]);
      expect(formatTla(label.witnesses[0]![1])).toContain('mtype |-> "AppendEntriesRequest"');
    }
  });
});
