/**
 * The witness goals of Raft: behaviours the shipped configs must reach
 * between them, so that the invariants are checked where they could fail.
 * Each names the invariant (or the part of the spec) it keeps from being
 * vacuous. Their TLA+ forms are in spec/MCRaftGoals.tla, which TLC uses to
 * confirm each witness at the same depth.
 *
 * @module
 */
import type { Witness } from "../protocol.js";
import type { RaftAction } from "./actions.js";
import { copiesIn } from "./messages.js";
import type { RaftState } from "./state.js";

/** Whether some message from `m`'s sender to its recipient, of an earlier term, is in flight in `s`. */
function earlierFromSameSender(s: RaftState, m: { msource: number; mdest: number; mterm: number }): boolean {
  return s.messages.some(({ m: o }) => o.msource === m.msource && o.mdest === m.mdest && o.mterm < m.mterm);
}

/** The goals, in the order reports list them. */
export const raftWitnesses: readonly Witness<RaftState, RaftAction>[] = [
  {
    kind: "state",
    name: "TwoElectionsWon",
    description: "leaders are elected in two different terms: ElectionSafety compares elections across time",
    holds: (s) => s.elections.some((e) => s.elections.some((f) => f.term !== e.term)),
  },
  {
    kind: "step",
    name: "RestartAfterVote",
    description: "a server that has voted in its term restarts: what it keeps of its vote decides ElectionSafety",
    holds: (s, a) => a.type === "Restart" && s.votedFor[a.i] !== null,
  },
  {
    kind: "state",
    name: "EntryCommitted",
    description: "a leader commits an entry: StateMachineSafety and LeaderCompleteness have something to check",
    holds: (s) => s.committed.length > 0,
  },
  {
    kind: "state",
    name: "LeaderAfterCommit",
    description: "a server leads a term later than one in which an entry was committed: LeaderCompleteness's antecedent",
    holds: (s) => s.committed.some((c) => s.state.some((st, l) => st === "Leader" && s.currentTerm[l]! > c.by)),
  },
  {
    kind: "step",
    name: "ConflictRemoved",
    description: "a follower removes an entry that conflicts with its leader's (the only step that shortens a log)",
    holds: (s, _a, next) => s.log.some((log, i) => next.log[i]!.length < log.length),
  },
  {
    kind: "step",
    name: "DuplicateDelivered",
    description: "a message is delivered while another copy of it is still in flight: duplication is explored",
    holds: (s, a) => a.type === "Receive" && copiesIn(s.messages, a.m) >= 2,
  },
  {
    kind: "step",
    name: "DeliveredOutOfOrder",
    description:
      "a message is delivered while one its sender sent earlier to the same server (of a lower term) is still in flight: reordering is explored",
    holds: (s, a) => a.type === "Receive" && earlierFromSameSender(s, a.m),
  },
  {
    kind: "step",
    name: "StaleResponseDropped",
    description: "a response from an earlier term arrives and is dropped (DropStaleResponse)",
    holds: (s, a) =>
      a.type === "Receive" &&
      (a.m.mtype === "RequestVoteResponse" || a.m.mtype === "AppendEntriesResponse") &&
      a.m.mterm < s.currentTerm[a.m.mdest]!,
  },
  {
    kind: "step",
    name: "RestartAfterCommit",
    description: "a server that knows an entry is committed restarts and forgets its commitIndex",
    holds: (s, a) => a.type === "Restart" && s.commitIndex[a.i]! >= 1,
  },
  {
    kind: "state",
    name: "TwoValuesCommitted",
    description: "two different values are committed at different indexes: StateMachineSafety compares distinct entries",
    holds: (s) => s.committed.some((c) => s.committed.some((d) => d.index !== c.index && d.value !== c.value)),
  },
];
