/**
 * Each Raft action and message handler against its definition in
 * spec/Raft.tla: when it is enabled, what it changes, and that everything
 * else stays as it was. Servers s1, s2, s3 are 0, 1, 2 here.
 */
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import {
  type AppendEntriesRequest,
  type AppendEntriesResponse,
  type Message,
  type RaftState,
  type RequestVoteRequest,
  type RequestVoteResponse,
  advanceCommitIndex,
  allFaults,
  appendEntries,
  appendEntriesLogOk,
  becomeLeader,
  clientRequest,
  copiesIn,
  dropMessage,
  dropStaleResponse,
  duplicateMessage,
  handleAppendEntriesRequest,
  handleAppendEntriesResponse,
  handleRequestVoteRequest,
  handleRequestVoteResponse,
  initialState,
  raftContext,
  raftModel,
  receive,
  referenceRules,
  requestVote,
  restart,
  timeout,
  updateTerm,
  withMessage,
} from "../../src/raft/index.js";

const ctx = raftContext(3, 2, referenceRules);
const [s1, s2, s3] = [0, 1, 2] as const;
const init = initialState(3);

/** Applies a step that must be enabled. */
function must(next: RaftState | undefined): RaftState {
  expect(next).toBeDefined();
  return next!;
}

/** The state with only the named variables replaced. */
function only(s: RaftState, changes: Partial<RaftState>): RaftState {
  return { ...s, ...changes };
}

/** The single message in flight. */
function theMessage(s: RaftState): Message {
  expect(s.messages).toHaveLength(1);
  return s.messages[0]!.m;
}

/** s1 as candidate in term 2, with its own vote request in flight. */
const s1Candidate = must(timeout(ctx, init, s1));
/** s1 leader of term 2, voted for by s1 and s2; nothing in flight. */
const s1Leader = (() => {
  let s = s1Candidate;
  for (const voter of [s1, s2]) {
    s = must(requestVote(ctx, s, s1, voter));
    s = must(receive(ctx, s, theMessage(s))); // s2: UpdateTerm; s1: handles it
    if (s.messages.length === 1 && theMessage(s).mtype === "RequestVoteRequest") s = must(receive(ctx, s, theMessage(s)));
    s = must(receive(ctx, s, theMessage(s))); // the response
  }
  return must(becomeLeader(ctx, s, s1));
})();

describe("Restart(i): keeps currentTerm, votedFor and log; resets the rest (Raft.tla, Restart)", () => {
  const withEntry = must(clientRequest(ctx, s1Leader, s1, 0));
  it("turns a leader into a follower that has lost its volatile state", () => {
    const next = must(restart(ctx, withEntry, s1));
    expect(next).toEqual(
      only(withEntry, {
        state: ["Follower", "Follower", "Follower"],
        votesResponded: [0, 0, 0],
        votesGranted: [0, 0, 0],
        nextIndex: [[1, 1, 1], withEntry.nextIndex[1]!, withEntry.nextIndex[2]!],
        matchIndex: [[0, 0, 0], withEntry.matchIndex[1]!, withEntry.matchIndex[2]!],
        commitIndex: [0, 0, 0],
      }),
    );
    expect(next.currentTerm).toBe(withEntry.currentTerm);
    expect(next.votedFor).toBe(withEntry.votedFor);
    expect(next.log).toBe(withEntry.log);
    expect(next.messages).toBe(withEntry.messages);
  });
  it("is always enabled, even when it changes nothing", () => {
    expect(restart(ctx, init, s2)).toEqual(init);
  });
});

describe("Timeout(i): state[i] \\in {Follower, Candidate} => next term as candidate", () => {
  it("moves a follower to the next term as a candidate without a vote or tally", () => {
    expect(s1Candidate).toEqual(only(init, { currentTerm: [2, 1, 1], state: ["Candidate", "Follower", "Follower"] }));
  });
  it("lets a candidate time out again, clearing its tally", () => {
    const asked = must(requestVote(ctx, s1Candidate, s1, s1));
    const answered = must(receive(ctx, asked, theMessage(asked)));
    const tallied = must(receive(ctx, answered, theMessage(answered)));
    expect(tallied.votesGranted[s1]).toBe(0b001);
    const again = must(timeout(ctx, tallied, s1));
    expect(again.currentTerm[s1]).toBe(3);
    expect(again.votedFor[s1]).toBeNull();
    expect(again.votesResponded[s1]).toBe(0);
    expect(again.votesGranted[s1]).toBe(0);
    expect(again.log).toBe(tallied.log);
    expect(again.messages).toBe(tallied.messages);
  });
  it("is disabled for a leader", () => {
    expect(timeout(ctx, s1Leader, s1)).toBeUndefined();
  });
});

describe("RequestVote(i, j): candidate i asks j, until j has answered", () => {
  it("sends a request carrying i's term and last log term and index, and changes nothing else", () => {
    const next = must(requestVote(ctx, s1Candidate, s1, s3));
    const request: RequestVoteRequest = {
      mtype: "RequestVoteRequest",
      mterm: 2,
      mlastLogTerm: 0,
      mlastLogIndex: 0,
      msource: s1,
      mdest: s3,
    };
    expect(next).toEqual(only(s1Candidate, { messages: [{ m: request, copies: 1 }] }));
  });
  it("may ask the candidate itself", () => {
    expect(theMessage(must(requestVote(ctx, s1Candidate, s1, s1))).mdest).toBe(s1);
  });
  it("is disabled for a follower, and once j has answered", () => {
    expect(requestVote(ctx, init, s1, s2)).toBeUndefined();
    expect(s1Leader.votesResponded[s1]).toBe(0b011);
    const candidateAgain = only(s1Leader, { state: ["Candidate", "Follower", "Follower"] });
    expect(requestVote(ctx, candidateAgain, s1, s2)).toBeUndefined();
    expect(requestVote(ctx, candidateAgain, s1, s3)).toBeDefined();
  });
});

describe("BecomeLeader(i): a candidate with a quorum of votes", () => {
  it("becomes leader with nextIndex = Len(log) + 1 and matchIndex = 0 for every peer", () => {
    expect(s1Leader.state).toEqual(["Leader", "Follower", "Follower"]);
    expect(s1Leader.nextIndex[s1]).toEqual([1, 1, 1]);
    expect(s1Leader.matchIndex[s1]).toEqual([0, 0, 0]);
  });
  it("records the election won: elections' = elections \\cup {[term |-> currentTerm[i], leader |-> i]}", () => {
    expect(s1Leader.elections).toEqual([{ term: 2, leader: s1 }]);
    expect(s1Leader.committed).toEqual([]);
    // The set stays sorted by term, then leader, whatever order the elections came in.
    const s2Candidate = only(s1Leader, {
      currentTerm: [2, 4, 5],
      state: ["Leader", "Candidate", "Follower"],
      votesGranted: [0b011, 0b110, 0],
      elections: [{ term: 2, leader: s1 }, { term: 5, leader: s3 }],
    });
    expect(must(becomeLeader(ctx, s2Candidate, s2)).elections).toEqual([
      { term: 2, leader: s1 },
      { term: 4, leader: s2 },
      { term: 5, leader: s3 },
    ]);
  });
  it("is disabled without a quorum (one vote of three)", () => {
    const oneVote = only(s1Candidate, { votesGranted: [0b001, 0, 0] });
    expect(becomeLeader(ctx, oneVote, s1)).toBeUndefined();
    expect(becomeLeader(ctx, only(oneVote, { votesGranted: [0b101, 0, 0] }), s1)).toBeDefined();
  });
  it("is disabled for a follower, even one with votes", () => {
    expect(becomeLeader(ctx, only(init, { votesGranted: [0b111, 0, 0] }), s1)).toBeUndefined();
  });
});

describe("ClientRequest(i, v): a leader appends [term |-> currentTerm[i], value |-> v]", () => {
  it("appends to the leader's log only", () => {
    const next = must(clientRequest(ctx, s1Leader, s1, 1));
    expect(next).toEqual(only(s1Leader, { log: [[{ term: 2, value: 1 }], [], []] }));
  });
  it("is disabled for a non-leader", () => {
    expect(clientRequest(ctx, s1Candidate, s1, 0)).toBeUndefined();
  });
});

describe("AdvanceCommitIndex(i): commit what a quorum stores, if of the current term", () => {
  const withEntry = must(clientRequest(ctx, s1Leader, s1, 0));
  it("changes nothing while only the leader stores the entry", () => {
    expect(advanceCommitIndex(ctx, withEntry, s1)).toEqual(withEntry);
  });
  it("commits once a follower's matchIndex makes a quorum, recording the entry with by = currentTerm[i]", () => {
    const matched = only(withEntry, { matchIndex: [[0, 1, 0], [0, 0, 0], [0, 0, 0]] });
    expect(must(advanceCommitIndex(ctx, matched, s1))).toEqual(
      only(matched, { commitIndex: [1, 0, 0], committed: [{ index: 1, term: 2, value: 0, by: 2 }] }),
    );
  });
  it("records every index from commitIndex[i] + 1 to the new commitIndex, and only those", () => {
    const three = only(withEntry, {
      log: [[{ term: 2, value: 0 }, { term: 2, value: 1 }, { term: 2, value: 0 }], [], []],
      commitIndex: [1, 0, 0],
      committed: [{ index: 1, term: 2, value: 0, by: 2 }],
      matchIndex: [[0, 3, 0], [0, 0, 0], [0, 0, 0]],
    });
    expect(must(advanceCommitIndex(ctx, three, s1)).committed).toEqual([
      { index: 1, term: 2, value: 0, by: 2 },
      { index: 2, term: 2, value: 1, by: 2 },
      { index: 3, term: 2, value: 0, by: 2 },
    ]);
  });
  it("records nothing when commitIndex does not grow (a stale matchIndex may even lower it, as in the spec)", () => {
    const committedTwo = only(withEntry, {
      log: [[{ term: 2, value: 0 }, { term: 2, value: 1 }], [], []],
      commitIndex: [2, 0, 0],
      committed: [
        { index: 1, term: 2, value: 0, by: 2 },
        { index: 2, term: 2, value: 1, by: 2 },
      ],
      matchIndex: [[0, 1, 0], [0, 0, 0], [0, 0, 0]],
    });
    const lowered = must(advanceCommitIndex(ctx, committedTwo, s1));
    expect(lowered.commitIndex).toEqual([1, 0, 0]);
    expect(lowered.committed).toBe(committedTwo.committed);
  });
  it("a re-elected leader that commits an index again adds a record with its own term as by", () => {
    const again = only(withEntry, {
      currentTerm: [3, 3, 1],
      log: [[{ term: 2, value: 0 }, { term: 3, value: 0 }], [], []],
      committed: [{ index: 1, term: 2, value: 0, by: 2 }],
      matchIndex: [[0, 2, 0], [0, 0, 0], [0, 0, 0]],
    });
    expect(must(advanceCommitIndex(ctx, again, s1)).committed).toEqual([
      { index: 1, term: 2, value: 0, by: 2 },
      { index: 1, term: 2, value: 0, by: 3 },
      { index: 2, term: 3, value: 0, by: 3 },
    ]);
  });
  it("does not commit a quorum-stored entry of an earlier term (dissertation, Figure 3.7)", () => {
    const olderEntry = only(withEntry, {
      currentTerm: [3, 2, 1],
      log: [[{ term: 2, value: 0 }], [], []],
      matchIndex: [[0, 1, 0], [0, 0, 0], [0, 0, 0]],
    });
    expect(advanceCommitIndex(ctx, olderEntry, s1)).toEqual(olderEntry);
  });
  it("is disabled for a non-leader", () => {
    expect(advanceCommitIndex(ctx, init, s1)).toBeUndefined();
  });
});

describe("AppendEntries(i, j): leader i sends j at most the entry at nextIndex[i][j]", () => {
  const withEntry = must(clientRequest(ctx, s1Leader, s1, 0));
  it("sends the entry with prevLogIndex 0 and the commitIndex it covers", () => {
    const request = theMessage(must(appendEntries(ctx, withEntry, s1, s2)));
    expect(request).toEqual({
      mtype: "AppendEntriesRequest",
      mterm: 2,
      mprevLogIndex: 0,
      mprevLogTerm: 0,
      mentries: [{ term: 2, value: 0 }],
      mcommitIndex: 0,
      msource: s1,
      mdest: s2,
    });
  });
  it("sends no entry (a heartbeat) when j is up to date", () => {
    const upToDate = only(withEntry, { nextIndex: [[2, 2, 2], [1, 1, 1], [1, 1, 1]], commitIndex: [1, 0, 0] });
    const request = theMessage(must(appendEntries(ctx, upToDate, s1, s2))) as AppendEntriesRequest;
    expect(request.mprevLogIndex).toBe(1);
    expect(request.mprevLogTerm).toBe(2);
    expect(request.mentries).toEqual([]);
    expect(request.mcommitIndex).toBe(1);
  });
  it("is disabled towards the leader itself and for non-leaders", () => {
    expect(appendEntries(ctx, withEntry, s1, s1)).toBeUndefined();
    expect(appendEntries(ctx, withEntry, s2, s1)).toBeUndefined();
  });
});

// Handlers. Messages are put in flight directly; the handlers read nothing
// else from the bag than the message they are given.

function inFlight(s: RaftState, m: Message): RaftState {
  return only(s, { messages: withMessage(s.messages, m) });
}

const voteRequest = (mterm: number, from: number, to: number, lastTerm = 0, lastIndex = 0): RequestVoteRequest => ({
  mtype: "RequestVoteRequest",
  mterm,
  mlastLogTerm: lastTerm,
  mlastLogIndex: lastIndex,
  msource: from,
  mdest: to,
});

describe("UpdateTerm(i, j, m): m.mterm > currentTerm[i]", () => {
  const m = voteRequest(2, s1, s2);
  it("moves i to m's term as a follower without a vote, and leaves m in flight", () => {
    const s = inFlight(only(init, { votedFor: [null, s3, null] }), m);
    expect(must(updateTerm(ctx, s, s2, s1, m))).toEqual(only(s, { currentTerm: [1, 2, 1], votedFor: [null, null, null] }));
  });
  it("is disabled for a message of i's term or earlier", () => {
    expect(updateTerm(ctx, inFlight(s1Candidate, m), s1, s1, m)).toBeUndefined();
  });
  it("comes first in Receive: the handler runs on the next receipt", () => {
    const s = inFlight(init, m);
    const updated = must(receive(ctx, s, m));
    expect(updated.currentTerm[s2]).toBe(2);
    expect(copiesIn(updated.messages, m)).toBe(1);
    expect(must(receive(ctx, updated, m)).votedFor[s2]).toBe(s1);
  });
});

describe("HandleRequestVoteRequest(i, j, m): m.mterm <= currentTerm[i]", () => {
  const inTerm2 = only(init, { currentTerm: [2, 2, 2] });
  const response = (granted: boolean): RequestVoteResponse => ({
    mtype: "RequestVoteResponse",
    mterm: 2,
    mvoteGranted: granted,
    msource: s2,
    mdest: s1,
  });
  it("grants the vote to an up-to-date candidate of its term and replies", () => {
    const m = voteRequest(2, s1, s2);
    const next = must(handleRequestVoteRequest(ctx, inFlight(inTerm2, m), s2, s1, m));
    expect(next).toEqual(only(inTerm2, { votedFor: [null, s1, null], messages: [{ m: response(true), copies: 1 }] }));
  });
  it("refuses a candidate whose log is less up to date (an earlier last term)", () => {
    const voterLog = only(inTerm2, { log: [[], [{ term: 1, value: 0 }], []] });
    const m = voteRequest(2, s1, s2);
    const next = must(handleRequestVoteRequest(ctx, inFlight(voterLog, m), s2, s1, m));
    expect(next.votedFor).toBe(voterLog.votedFor);
    expect(next.messages).toEqual([{ m: response(false), copies: 1 }]);
  });
  it("grants a candidate with a later last term even if its log is shorter", () => {
    const voterLog = only(inTerm2, { log: [[], [{ term: 1, value: 0 }, { term: 1, value: 0 }], []] });
    const m = voteRequest(2, s1, s2, 2, 1);
    expect(must(handleRequestVoteRequest(ctx, inFlight(voterLog, m), s2, s1, m)).votedFor[s2]).toBe(s1);
  });
  it("refuses when it voted for another server in this term, and grants the same one again", () => {
    const voted = only(inTerm2, { votedFor: [null, s3, null] });
    const m = voteRequest(2, s1, s2);
    expect((theMessage(must(handleRequestVoteRequest(ctx, inFlight(voted, m), s2, s1, m))) as RequestVoteResponse).mvoteGranted).toBe(false);
    const again = only(inTerm2, { votedFor: [null, s1, null] });
    expect((theMessage(must(handleRequestVoteRequest(ctx, inFlight(again, m), s2, s1, m))) as RequestVoteResponse).mvoteGranted).toBe(true);
  });
  it("answers a request of an earlier term with a refusal of its own term", () => {
    const m = voteRequest(1, s1, s2);
    const reply = theMessage(must(handleRequestVoteRequest(ctx, inFlight(inTerm2, m), s2, s1, m))) as RequestVoteResponse;
    expect(reply).toEqual(response(false));
  });
  it("is disabled for a request of a later term (UpdateTerm comes first)", () => {
    const m = voteRequest(3, s1, s2);
    expect(handleRequestVoteRequest(ctx, inFlight(inTerm2, m), s2, s1, m)).toBeUndefined();
  });
});

describe("HandleRequestVoteResponse(i, j, m) and DropStaleResponse for votes", () => {
  const granted = (mterm: number): RequestVoteResponse => ({ mtype: "RequestVoteResponse", mterm, mvoteGranted: true, msource: s2, mdest: s1 });
  it("tallies a response of i's term and consumes it", () => {
    const s = inFlight(s1Candidate, granted(2));
    expect(must(handleRequestVoteResponse(ctx, s, s1, s2, granted(2)))).toEqual(
      only(s1Candidate, { votesResponded: [0b010, 0, 0], votesGranted: [0b010, 0, 0] }),
    );
  });
  it("records a refusal as responded but not granted", () => {
    const refused: RequestVoteResponse = { ...granted(2), mvoteGranted: false };
    const next = must(handleRequestVoteResponse(ctx, inFlight(s1Candidate, refused), s1, s2, refused));
    expect([next.votesResponded[s1], next.votesGranted[s1]]).toEqual([0b010, 0]);
  });
  it("does not tally a response of an earlier term: DropStaleResponse discards it", () => {
    const inTerm3 = only(s1Candidate, { currentTerm: [3, 1, 1] });
    const s = inFlight(inTerm3, granted(2));
    expect(handleRequestVoteResponse(ctx, s, s1, s2, granted(2))).toBeUndefined();
    expect(must(dropStaleResponse(ctx, s, s1, s2, granted(2)))).toEqual(inTerm3);
    expect(must(receive(ctx, s, granted(2)))).toEqual(inTerm3);
  });
  it("DropStaleResponse is disabled for a response of i's term", () => {
    expect(dropStaleResponse(ctx, inFlight(s1Candidate, granted(2)), s1, s2, granted(2))).toBeUndefined();
  });
});

describe("HandleAppendEntriesRequest(i, j, m): refuse, step down, or accept one step", () => {
  const entry = { term: 2, value: 0 };
  const request = (changes: Partial<AppendEntriesRequest> = {}): AppendEntriesRequest => ({
    mtype: "AppendEntriesRequest",
    mterm: 2,
    mprevLogIndex: 0,
    mprevLogTerm: 0,
    mentries: [entry],
    mcommitIndex: 0,
    msource: s1,
    mdest: s2,
    ...changes,
  });
  const reply = (success: boolean, matchIndex: number, mterm = 2): AppendEntriesResponse => ({
    mtype: "AppendEntriesResponse",
    mterm,
    msuccess: success,
    mmatchIndex: matchIndex,
    msource: s2,
    mdest: s1,
  });
  const follower = only(init, { currentTerm: [2, 2, 1] });

  it("AppendEntriesLogOk: prevLogIndex 0, or an entry of prevLogTerm at prevLogIndex", () => {
    expect(appendEntriesLogOk([], request())).toBe(true);
    expect(appendEntriesLogOk([], request({ mprevLogIndex: 1, mprevLogTerm: 2 }))).toBe(false);
    expect(appendEntriesLogOk([{ term: 1, value: 0 }], request({ mprevLogIndex: 1, mprevLogTerm: 2 }))).toBe(false);
    expect(appendEntriesLogOk([{ term: 2, value: 0 }], request({ mprevLogIndex: 1, mprevLogTerm: 2 }))).toBe(true);
  });
  it("refuses a request of an earlier term, replying in its own term", () => {
    const later = only(follower, { currentTerm: [2, 3, 1] });
    const m = request();
    expect(must(handleAppendEntriesRequest(ctx, inFlight(later, m), s2, s1, m))).toEqual(
      only(later, { messages: [{ m: reply(false, 0, 3), copies: 1 }] }),
    );
  });
  it("refuses, as a follower, a request that does not fit its log", () => {
    const m = request({ mprevLogIndex: 1, mprevLogTerm: 2 });
    expect(must(handleAppendEntriesRequest(ctx, inFlight(follower, m), s2, s1, m))).toEqual(
      only(follower, { messages: [{ m: reply(false, 0), copies: 1 }] }),
    );
  });
  it("as a candidate of the same term, only steps down; m stays in flight", () => {
    const candidate = only(follower, { state: ["Leader", "Candidate", "Follower"] });
    const m = request();
    const s = inFlight(candidate, m);
    expect(must(handleAppendEntriesRequest(ctx, s, s2, s1, m))).toEqual(only(s, { state: ["Leader", "Follower", "Follower"] }));
  });
  it("appends m's entry when its log ends just before it; m stays in flight", () => {
    const m = request();
    const s = inFlight(follower, m);
    expect(must(handleAppendEntriesRequest(ctx, s, s2, s1, m))).toEqual(only(s, { log: [[], [entry], []] }));
  });
  it("acknowledges once it holds m's entry, learning m's commitIndex", () => {
    const m = request({ mcommitIndex: 1 });
    const s = inFlight(only(follower, { log: [[], [entry], []] }), m);
    expect(must(handleAppendEntriesRequest(ctx, s, s2, s1, m))).toEqual(
      only(s, { commitIndex: [0, 1, 0], messages: [{ m: reply(true, 1), copies: 1 }] }),
    );
  });
  it("acknowledges a heartbeat that fits, with matchIndex = prevLogIndex", () => {
    const m = request({ mprevLogIndex: 1, mprevLogTerm: 2, mentries: [] });
    const s = inFlight(only(follower, { log: [[], [entry], []] }), m);
    expect(theMessage(must(handleAppendEntriesRequest(ctx, s, s2, s1, m)))).toEqual(reply(true, 1));
  });
  it("keeps entries after the ones m carries when they already match", () => {
    const m = request();
    const longer = only(follower, { log: [[], [entry, { term: 2, value: 1 }], []] });
    expect(must(handleAppendEntriesRequest(ctx, inFlight(longer, m), s2, s1, m)).log).toBe(longer.log);
  });
  it("removes its last entry when its entry at m's index conflicts; m stays in flight", () => {
    const m = request();
    const conflicting = inFlight(only(follower, { log: [[], [{ term: 1, value: 0 }, { term: 1, value: 1 }], []] }), m);
    const once = must(handleAppendEntriesRequest(ctx, conflicting, s2, s1, m));
    expect(once).toEqual(only(conflicting, { log: [[], [{ term: 1, value: 0 }], []] }));
    const twice = must(handleAppendEntriesRequest(ctx, once, s2, s1, m));
    expect(twice.log[s2]).toEqual([]);
    expect(must(handleAppendEntriesRequest(ctx, twice, s2, s1, m)).log[s2]).toEqual([entry]);
  });
  it("is disabled for a leader of the same term and for a request of a later term", () => {
    const m = request();
    expect(handleAppendEntriesRequest(ctx, inFlight(only(follower, { state: ["Follower", "Leader", "Follower"] }), m), s2, s1, m)).toBeUndefined();
    expect(handleAppendEntriesRequest(ctx, inFlight(init, m), s2, s1, m)).toBeUndefined();
  });
});

describe("HandleAppendEntriesResponse(i, j, m): m.mterm = currentTerm[i]", () => {
  const response = (success: boolean, matchIndex: number, mterm = 2): AppendEntriesResponse => ({
    mtype: "AppendEntriesResponse",
    mterm,
    msuccess: success,
    mmatchIndex: matchIndex,
    msource: s2,
    mdest: s1,
  });
  const leader = only(s1Leader, { nextIndex: [[3, 2, 3], [1, 1, 1], [1, 1, 1]] });
  it("on success sets nextIndex and matchIndex from m.mmatchIndex and consumes m", () => {
    const m = response(true, 2);
    expect(must(handleAppendEntriesResponse(ctx, inFlight(leader, m), s1, s2, m))).toEqual(
      only(leader, { nextIndex: [[3, 3, 3], [1, 1, 1], [1, 1, 1]], matchIndex: [[0, 2, 0], [0, 0, 0], [0, 0, 0]] }),
    );
  });
  it("on refusal decrements nextIndex, but not below 1", () => {
    const m = response(false, 0);
    expect(must(handleAppendEntriesResponse(ctx, inFlight(leader, m), s1, s2, m)).nextIndex[s1]).toEqual([3, 1, 3]);
    const atOne = only(leader, { nextIndex: [[1, 1, 1], [1, 1, 1], [1, 1, 1]] });
    expect(must(handleAppendEntriesResponse(ctx, inFlight(atOne, m), s1, s2, m)).nextIndex[s1]).toEqual([1, 1, 1]);
  });
  it("is disabled for a response of an earlier term, which DropStaleResponse discards", () => {
    const m = response(true, 1, 1);
    expect(handleAppendEntriesResponse(ctx, inFlight(leader, m), s1, s2, m)).toBeUndefined();
    expect(must(receive(ctx, inFlight(leader, m), m))).toEqual(leader);
  });
});

describe("Receive, DuplicateMessage, DropMessage: m must be in flight", () => {
  const m = voteRequest(2, s1, s2);
  const s = inFlight(init, m);
  it("DuplicateMessage adds a copy; DropMessage removes one, the last taking m out of the bag", () => {
    const twice = must(duplicateMessage(ctx, s, m));
    expect(twice.messages).toEqual([{ m, copies: 2 }]);
    expect(must(dropMessage(ctx, twice, m))).toEqual(s);
    expect(must(dropMessage(ctx, s, m)).messages).toEqual([]);
    expect({ ...twice, messages: s.messages }).toEqual(s);
  });
  it("are all disabled for a message not in flight", () => {
    expect(receive(ctx, init, m)).toBeUndefined();
    expect(duplicateMessage(ctx, init, m)).toBeUndefined();
    expect(dropMessage(ctx, init, m)).toBeUndefined();
  });
  it("Receive consumes one copy of a request it answers", () => {
    const inTerm2 = inFlight(only(init, { currentTerm: [2, 2, 1] }), m);
    const twice = must(duplicateMessage(ctx, inTerm2, m));
    expect(copiesIn(must(receive(ctx, twice, m)).messages, m)).toBe(1);
  });
});

describe("the history variables: only BecomeLeader and AdvanceCommitIndex write them (UNCHANGED historyVars elsewhere)", () => {
  // Every transition of a two-server config that reaches elections and commits.
  const model = raftModel({ servers: 2, values: 1, maxTerm: 3, maxLogLength: 1, maxCopies: 1, maxInFlight: 1, ...allFaults });
  it("keeps elections and committed as they are in every other step, and each writer keeps the other one", () => {
    let elected = 0;
    let committed = 0;
    const result = bfs(
      {
        ...model,
        actionProperties: [
          {
            name: "HistoryWrittenOnlyByItsActions",
            description: "",
            holds: (s, a, t) => {
              if (t.elections !== s.elections) elected++;
              if (t.committed !== s.committed) committed++;
              switch (a.type) {
                case "BecomeLeader":
                  return t.committed === s.committed && t.elections.length === s.elections.length + 1;
                case "AdvanceCommitIndex":
                  return t.elections === s.elections;
                default:
                  return t.elections === s.elections && t.committed === s.committed;
              }
            },
          },
        ],
      },
      { checkDeadlock: false },
    );
    expect(result.violation).toBeNull();
    // Not vacuous: elections were won and entries committed along the way.
    expect(elected).toBeGreaterThan(0);
    expect(committed).toBeGreaterThan(0);
  });
});
