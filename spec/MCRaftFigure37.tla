--------------------------- MODULE MCRaftFigure37 ---------------------------
(***************************************************************************)
(* MCRaft's bounds and next-state relation, started from situation (c) of *)
(* Figure 3.7 in Ongaro's dissertation instead of Init. From Init, a       *)
(* behaviour that shows why a leader may commit only entries of its own    *)
(* term needs four leader terms and at least 39 steps: beyond any config   *)
(* CI can search. From this state it needs 21, so the config that starts  *)
(* here (the figure37 preset) catches a missing current-term guard.        *)
(*                                                                         *)
(* For three distinct servers a, b, c: a led term 2 and appended an entry *)
(* of term 2; b then won term 3 with c's vote and appended an entry of     *)
(* term 3; a now leads term 4, elected with c's vote. Nothing is committed *)
(* and nothing is in flight. The state is reachable from Init (the twin's  *)
(* test/raft/figure-3-7.test.ts replays the steps), and Figure37Init holds *)
(* for every assignment of the roles and values, so the set is symmetric.  *)
(* The twin's start states are the same (src/raft/figure-3-7.ts).          *)
(***************************************************************************)
EXTENDS MCRaft

ASSUME Cardinality(Server) = 3

Figure37Init ==
  \E a, b, c \in Server, v, w \in Value :
    /\ a # b /\ b # c /\ a # c
    /\ LET of(x, y, z) == [i \in Server |-> IF i = a THEN x ELSE IF i = b THEN y ELSE z]
       IN /\ currentTerm = of(4, 3, 4)
          /\ state = of("Leader", "Leader", "Follower")
          /\ votedFor = of(a, b, a)
          /\ log = of(<<[term |-> 2, value |-> v]>>, <<[term |-> 3, value |-> w]>>, << >>)
          /\ commitIndex = [i \in Server |-> 0]
          /\ votesResponded = of({a, c}, {b, c}, {})
          /\ votesGranted = of({a, c}, {b, c}, {})
          /\ nextIndex = of([j \in Server |-> 2], [j \in Server |-> 1], [j \in Server |-> 1])
          /\ matchIndex = [i \in Server |-> [j \in Server |-> 0]]
          /\ messages = EmptyBag
          /\ elections = {[term |-> 2, leader |-> a], [term |-> 3, leader |-> b], [term |-> 4, leader |-> a]}
          /\ committed = {}

Figure37Spec == Figure37Init /\ [][MCNext]_vars
=============================================================================
