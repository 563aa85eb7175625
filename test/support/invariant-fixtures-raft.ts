/**
 * Raft's invariant fixtures (see ./invariant-fixtures.ts), for a config of
 * servers s1..s3 (indices 0..2), values v1, v2 (0, 1), MaxTerm 3 and logs
 * of up to two entries, every fault switched on. Two entries rather than
 * one so that the loops over log indexes have a first and a last index:
 * several breaking cases sit at the last one (the highest index known
 * committed, the last entry a leader holds, the last index two logs
 * share), where a bound weakened by one (`k <= known` to `k < known`)
 * would miss them; others sit at the last server (s3) or the highest term.
 *
 * The states are built by hand: each is small enough to read, and the
 * history variables (elections, committed) are set to what the case is
 * about. Line numbers cite spec/Raft.tla.
 */
import { resolveOptions } from "../../src/protocol.js";
import {
  type CommittedEntry,
  type Election,
  type Entry,
  type Log,
  type RaftAction,
  type RaftState,
  type ServerState,
  initialState,
  raft,
  raftConfigFromOptions,
} from "../../src/raft/index.js";
import type { InvariantFixtures } from "./invariant-fixtures.js";

const options = resolveOptions(raft, { servers: 3, values: 2, "max-term": 3, "max-log": 2, "max-in-flight": 2 });

/** The config of the fixtures, for calling the invariants' functions directly (`raftInvariants(raftFixtureConfig)`). */
export const raftFixtureConfig = raftConfigFromOptions(options);

const [s1, s2, s3] = [0, 1, 2] as const;
const [v1, v2] = [0, 1] as const;

const e = (term: number, value: number): Entry => ({ term, value });
const won = (term: number, leader: number): Election => ({ term, leader });
const rec = (index: number, term: number, value: number, by: number): CommittedEntry => ({ index, term, value, by });

/** The initial state with the named variables replaced. */
function state(changes: Partial<RaftState>): RaftState {
  return { ...initialState(3), ...changes };
}

/** Servers in terms `terms` with states `states` (everything else as in Init). */
function servers(terms: readonly number[], states: readonly ServerState[], changes: Partial<RaftState> = {}): RaftState {
  return state({ currentTerm: terms, state: states, ...changes });
}

const F = "Follower" as const;
const L = "Leader" as const;

/** The fixtures of every Raft invariant and of its action property. */
export function raftInvariantFixtures(): InvariantFixtures<RaftState, RaftAction> {
  const model = raft.model(options);
  const init = initialState(3);
  const A = e(2, v1);
  const B = e(2, v2);

  /** s1 led term 2 and committed A at index 1 on {s1, s2}; s2 now leads term 3 with A. */
  const laterLeaderHasA = servers([3, 3, 3], [F, L, F], {
    votedFor: [s2, s2, s2],
    log: [[A], [A], []],
    elections: [won(2, s1), won(3, s2)],
    committed: [rec(1, 2, v1, 2)],
  });

  const appendStep = (before: Log, after: Log, leader = true): readonly [RaftState, RaftAction, RaftState] => {
    const s = servers([2, 2, 1], [leader ? L : F, F, F], { log: [before, [], []], elections: leader ? [won(2, s1)] : [] });
    return [s, { type: "ClientRequest", i: s1, v: v2 }, { ...s, log: [after, [], []] }];
  };

  return {
    protocol: "raft",
    model,
    invariants: {
      TypeOK: {
        spec: "spec/Raft.tla:121",
        outsideType:
          "the twin's numbers and arrays cannot say that terms are positive, that servers stop at s3 and values at v2, or that a set has no order",
        breaks: [
          {
            what: "currentTerm[s3] is 0",
            why: "line 122: currentTerm \\in [Server -> Nat \\ {0}]; terms start at 1 (Init, line 144) and only grow",
            state: servers([1, 1, 0], [F, F, F]),
          },
          {
            what: "an election won by s4, a server outside the config",
            why: "line 135: each record of elections is in [term : Nat \\ {0}, leader : Server], Server = {s1, s2, s3}",
            state: servers([2, 2, 2], [F, F, F], { elections: [won(2, 3)] }),
          },
          {
            what: "an election of term 0",
            why: "line 135: an election's term is in Nat \\ {0}; BecomeLeader records a candidate's currentTerm, at least 2",
            state: state({ elections: [won(0, s1)] }),
          },
          {
            what: "a committed record with value v3, a value the config does not have",
            why: "lines 136-137: each record of committed has value \\in Value = {v1, v2}",
            state: servers([2, 2, 1], [L, F, F], { log: [[A], [A], []], elections: [won(2, s1)], committed: [rec(1, 2, 2, 2)] }),
          },
          {
            what: "the same election twice in the twin's array",
            why: "elections is a set (line 135); the twin keeps it sorted without duplicates so that equal sets are equal states",
            state: servers([2, 2, 1], [L, F, F], { elections: [won(2, s1), won(2, s1)] }),
          },
        ],
        holds: [
          { what: "the initial state", why: "Init (lines 143-155) gives each variable a value of its type, the history {}", state: init },
          {
            what: "the last server, the last value and the highest term in the history",
            why: "s3 \\in Server, v2 \\in Value, 3 \\in Nat \\ {0} (lines 135-137): the type's bounds are inclusive",
            state: servers([3, 3, 3], [F, F, L], {
              votedFor: [s3, s3, s3],
              log: [[B], [B], [B]],
              elections: [won(2, s1), won(3, s3)],
              committed: [rec(1, 2, v2, 2)],
            }),
          },
        ],
      },

      ElectionSafety: {
        spec: "spec/Raft.tla:453",
        breaks: [
          {
            what: "s1 won term 2 and stepped down; s3 won term 2 later and leads alone",
            why:
              "line 454: [term |-> 2, leader |-> s1] and [term |-> 2, leader |-> s3] are both in elections. " +
              "No two servers lead at once, so a check of the current state alone would miss it",
            state: servers([2, 2, 2], [F, F, L], { elections: [won(2, s1), won(2, s3)] }),
          },
          {
            what: "s2 and s3 both won the highest term 3",
            why: "line 454: two records of term 3 with different leaders",
            state: servers([3, 3, 3], [F, L, L], { elections: [won(2, s1), won(3, s2), won(3, s3)] }),
          },
        ],
        holds: [
          { what: "no election yet", why: "elections = {} (Init)", state: init },
          {
            what: "s1 won term 2 and again term 3",
            why: "line 454 asks only that one term have one leader; one server may win several terms",
            state: servers([3, 3, 1], [L, F, F], { elections: [won(2, s1), won(3, s1)] }),
          },
          {
            what: "s1 won term 2 and s3 (the last server) the highest term 3",
            why: "different terms, so e.term = f.term only for e = f",
            state: servers([3, 3, 3], [F, F, L], { elections: [won(2, s1), won(3, s3)] }),
          },
        ],
      },

      LogMatching: {
        spec: "spec/Raft.tla:459",
        breaks: [
          {
            what: "s1 and s3 both hold an entry of term 2 at index 2, the last one, with different values",
            why: "lines 461-463: log[s1][2].term = log[s3][2].term = 2, but SubSeq(.., 1, 2) differ at index 2 itself",
            state: servers([2, 2, 2], [L, F, F], { log: [[A, A], [], [A, B]], elections: [won(2, s1)] }),
          },
          {
            what: "s1 and s2 agree on the term at index 2 but not on index 1",
            why: "lines 461-463: the terms at index 2 are equal (3), the entries at index 1 are not (terms 2 and 1)",
            state: servers([3, 3, 1], [L, F, F], { log: [[A, e(3, v1)], [e(1, v1), e(3, v1)], []], elections: [won(3, s1)] }),
          },
        ],
        holds: [
          {
            what: "logs that agree up to the last index they share",
            why: "every index with equal terms has equal prefixes (line 463)",
            state: servers([3, 3, 3], [L, F, F], { log: [[A, e(3, v2)], [A, e(3, v2)], [A]], elections: [won(3, s1)] }),
          },
          {
            what: "logs whose terms differ at every index",
            why: "the implication of line 462 has a false antecedent at each k",
            state: servers([3, 3, 1], [F, L, F], { log: [[A, A], [e(3, v2), e(3, v2)], []], elections: [won(3, s2)] }),
          },
        ],
      },

      LeaderCompleteness: {
        spec: "spec/Raft.tla:475",
        breaks: [
          {
            what: "A was committed in term 2, and s2 leads term 3 with an empty log",
            why: "line 478: currentTerm[s2] = 3 > r.by = 2, and line 479: Len(log[s2]) = 0 < r.index = 1",
            state: servers([2, 3, 3], [F, L, F], {
              log: [[A], [], [A]],
              elections: [won(2, s1), won(3, s2)],
              committed: [rec(1, 2, v1, 2)],
            }),
          },
          {
            what: "two entries committed in term 2, and the leader of term 3 holds only the first (it lacks the last index)",
            why: "line 479: Len(log[s3]) = 1 < 2 for the record of index 2",
            state: servers([2, 3, 3], [F, F, L], {
              log: [[A, B], [A, B], [A]],
              elections: [won(2, s1), won(3, s3)],
              committed: [rec(1, 2, v1, 2), rec(2, 2, v2, 2)],
            }),
          },
          {
            what: "the leader of term 3 holds a different entry at the committed index",
            why: "line 480: log[s3][1] = [term |-> 3, value |-> v1] # [term |-> 2, value |-> v1]",
            state: servers([2, 3, 3], [F, F, L], {
              log: [[A], [A], [e(3, v1)]],
              elections: [won(2, s1), won(3, s3)],
              committed: [rec(1, 2, v1, 2)],
            }),
          },
          {
            what: "the leader of term 3 holds an entry of the committed term at the committed index, with the other value",
            why: "line 480: log[s3][1] = [term |-> 2, value |-> v2] # [term |-> 2, value |-> v1]; only the value tells",
            state: servers([3, 3, 3], [F, F, L], {
              log: [[], [], [B]],
              elections: [won(2, s1), won(3, s3)],
              committed: [rec(1, 2, v1, 2)],
            }),
          },
        ],
        holds: [
          {
            what: "a later leader that holds the committed entry",
            why: "line 480: log[s2][1] is A",
            state: laterLeaderHasA,
          },
          {
            what: "a leader of the committing term itself (currentTerm = r.by) is not asked",
            why: "line 478 asks only leaders with currentTerm[l] > r.by; here it is equal (2), so the empty log is not checked",
            state: servers([2, 2, 1], [L, F, F], { log: [[], [A], []], elections: [won(2, s1)], committed: [rec(1, 2, v1, 2)] }),
          },
          {
            what: "a follower of a later term without the committed entry",
            why: "line 478 asks only servers with state[l] = \"Leader\"; s3 (term 3) is a follower",
            state: servers([2, 2, 3], [L, F, F], { log: [[A], [A], []], elections: [won(2, s1)], committed: [rec(1, 2, v1, 2)] }),
          },
        ],
      },

      CommittedEntriesAgree: {
        spec: "spec/Raft.tla:486",
        breaks: [
          {
            what: "index 2, the last, committed as v1 in term 2 and as v2 in term 3",
            why: "lines 487-488: two records of index 2 with value v1 and v2",
            state: servers([3, 3, 3], [F, F, F], {
              elections: [won(2, s1), won(3, s2)],
              committed: [rec(1, 2, v1, 2), rec(2, 2, v1, 2), rec(2, 3, v2, 3)],
            }),
          },
          {
            what: "index 1 committed with entries of terms 2 and 3 (same value)",
            why: "line 488: r.term = q.term fails for the two records of index 1",
            state: servers([3, 3, 3], [F, F, F], { elections: [won(2, s1), won(3, s2)], committed: [rec(1, 2, v1, 2), rec(1, 3, v1, 3)] }),
          },
        ],
        holds: [
          {
            what: "one entry committed twice, by the leaders of terms 2 and 3",
            why: "the records differ only in by, which line 488 does not compare",
            state: laterLeaderHasA,
          },
          {
            what: "different values committed at different indexes",
            why: "line 488 compares records of the same index only",
            state: servers([2, 2, 1], [L, F, F], {
              log: [[A, B], [A, B], []],
              elections: [won(2, s1)],
              committed: [rec(1, 2, v1, 2), rec(2, 2, v2, 2)],
            }),
          },
        ],
      },

      KnownCommittedAreCommitted: {
        spec: "spec/Raft.tla:494",
        breaks: [
          {
            what: "s2 knows index 2, its last, to be committed, but only index 1 was",
            why: "lines 496-500: k = 2 <= Min(commitIndex[s2], Len(log[s2])) = 2, and no record of committed has index 2",
            state: servers([2, 2, 1], [L, F, F], {
              log: [[A, B], [A, B], []],
              commitIndex: [1, 2, 0],
              elections: [won(2, s1)],
              committed: [rec(1, 2, v1, 2)],
            }),
          },
          {
            what: "s3 knows v2 committed at index 1, where v1 was committed (in the same term)",
            why: "line 500: the record of index 1 has value v1, log[s3][1] has v2; the terms agree, so only the value tells",
            state: servers([2, 2, 2], [F, F, F], {
              log: [[], [], [B]],
              commitIndex: [0, 0, 1],
              elections: [won(2, s1)],
              committed: [rec(1, 2, v1, 2)],
            }),
          },
          {
            what: "a leader knows index 1 committed and nothing was",
            why: "line 497: \\E r \\in committed is false for committed = {}",
            state: servers([2, 2, 1], [L, F, F], { log: [[A], [A], []], commitIndex: [1, 0, 0], elections: [won(2, s1)] }),
          },
        ],
        holds: [
          {
            what: "both indexes known committed on s3, the last server, and both committed",
            why: "each k in 1 .. 2 has its record (lines 497-500)",
            state: servers([2, 2, 2], [L, F, F], {
              log: [[A, B], [A, B], [A, B]],
              commitIndex: [2, 0, 2],
              elections: [won(2, s1)],
              committed: [rec(1, 2, v1, 2), rec(2, 2, v2, 2)],
            }),
          },
          {
            what: "commitIndex[s3] = 2 beyond a log of one entry: only the entry held counts",
            why: "line 496: k ranges over 1 .. Min(commitIndex[s3], Len(log[s3])) = 1 .. 1, and index 1 was committed",
            state: servers([2, 2, 2], [L, F, F], {
              log: [[A], [A], [A]],
              commitIndex: [1, 0, 2],
              elections: [won(2, s1)],
              committed: [rec(1, 2, v1, 2)],
            }),
            alsoBreaks: ["CommitIndexInLog"],
          },
          { what: "nothing known committed", why: "every commitIndex is 0 (Init)", state: init },
        ],
      },

      CommitIndexInLog: {
        spec: "spec/Raft.tla:509",
        breaks: [
          {
            what: "commitIndex[s3] = 2, one past its log of one entry",
            why: "line 510: commitIndex[s3] = 2 > Len(log[s3]) = 1",
            state: servers([2, 2, 2], [L, F, F], {
              log: [[A], [A], [A]],
              commitIndex: [1, 0, 2],
              elections: [won(2, s1)],
              committed: [rec(1, 2, v1, 2)],
            }),
          },
          {
            what: "commitIndex[s1] = 1 with an empty log",
            why: "line 510: 1 > 0",
            state: servers([1, 1, 1], [F, F, F], { commitIndex: [1, 0, 0] }),
          },
        ],
        holds: [
          {
            what: "commitIndex[s3] equal to the length of its log (2)",
            why: "line 510 allows equality",
            state: servers([2, 2, 2], [L, F, F], {
              log: [[A, B], [A, B], [A, B]],
              commitIndex: [2, 0, 2],
              elections: [won(2, s1)],
              committed: [rec(1, 2, v1, 2), rec(2, 2, v2, 2)],
            }),
          },
          { what: "the initial state", why: "0 <= 0 for every server", state: init },
        ],
      },
    },

    actionProperties: {
      LeaderAppendOnly: {
        spec: "spec/Raft.tla:520",
        breaks: [
          {
            what: "leader s1's log loses its last entry",
            why: "line 517: Len(log'[s1]) = 1 < Len(log[s1]) = 2 while state[s1] = \"Leader\" (LeaderAppendsOnly, line 514)",
            transition: appendStep([A, B], [A]),
          },
          {
            what: "leader s1's last entry (index 2) is replaced",
            why: "line 518: SubSeq(log'[s1], 1, 2) = <<A, [term |-> 3, value |-> v2]>> # log[s1]",
            transition: appendStep([A, B], [A, e(3, v2)]),
          },
        ],
        holds: [
          {
            what: "leader s1 appends an entry",
            why: "log[s1] is a prefix of log'[s1] (lines 517-518)",
            transition: appendStep([A], [A, B]),
          },
          {
            what: "a follower's log shrinks",
            why: "line 516 asks only servers that are leaders when the step starts",
            transition: appendStep([A, B], [A], false),
          },
        ],
      },
    },
  };
}
