/**
 * The start of the `figure37` preset: situation (c) of Figure 3.7 in
 * Ongaro's dissertation, the one that shows why a leader must not commit an
 * entry of an earlier term by counting replicas. Searching from Init, the
 * shortest behaviour that breaks the current-term commit guard has at least
 * 39 steps and needs MaxTerm 5, far beyond CI; from this state it has 21.
 *
 * The state is reachable from Init (test/raft/figure-3-7.test.ts replays the
 * 27 steps that lead to it), and MCRaftFigure37.tla's Figure37Init is the
 * same set of states, for TLC.
 *
 * @module
 */
import type { RaftState, Server, Value } from "./state.js";
import { noServers, numberPerServer, withServer } from "./state.js";

/**
 * Figure 3.7 (c) with `a`, `b`, `c` the three servers and `v`, `w` the values
 * of the two entries: `a` led term 2 and appended `(2, v)`, `b` then won
 * term 3 with `c`'s vote and appended `(3, w)`, and `a` now leads term 4 with
 * `c`'s vote. No entry is committed and nothing is in flight.
 */
export function figure37State(a: Server, b: Server, c: Server, v: Value, w: Value): RaftState {
  const perServer = <T>(at: (i: Server) => T): T[] => [0, 1, 2].map(at);
  const of = <T>(forA: T, forB: T, forC: T) => perServer((i) => (i === a ? forA : i === b ? forB : forC));
  const pair = (x: Server, y: Server) => withServer(withServer(noServers, x), y);
  return {
    currentTerm: of(4, 3, 4),
    state: of("Leader", "Leader", "Follower"),
    votedFor: of<Server | null>(a, b, a),
    log: of([{ term: 2, value: v }], [{ term: 3, value: w }], []),
    commitIndex: numberPerServer(3, 0),
    votesResponded: of(pair(a, c), pair(b, c), noServers),
    votesGranted: of(pair(a, c), pair(b, c), noServers),
    // a became leader with a one-entry log, b with an empty one.
    nextIndex: of(numberPerServer(3, 2), numberPerServer(3, 1), numberPerServer(3, 1)),
    matchIndex: perServer(() => numberPerServer(3, 0)),
    messages: [],
    elections: [
      { term: 2, leader: a },
      { term: 3, leader: b },
      { term: 4, leader: a },
    ],
    committed: [],
  };
}

/** Figure37Init: the state for every assignment of the three roles to the servers and of values to the two entries. */
export function figure37States(values: number): RaftState[] {
  const states: RaftState[] = [];
  const roles: [Server, Server, Server][] = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
  for (const [a, b, c] of roles) {
    for (let v = 0; v < values; v++) for (let w = 0; w < values; w++) states.push(figure37State(a, b, c, v, w));
  }
  return states;
}
