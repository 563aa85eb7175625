------------------------------ MODULE Peterson ------------------------------
(***************************************************************************)
(* Peterson's mutual exclusion for two processes. A process raises its    *)
(* flag, hands the turn to the other process, and waits until the other  *)
(* process's flag is down or the turn has come back to it; leaving the   *)
(* critical section lowers its flag.                                     *)
(*                                                                         *)
(* Twin: examples/peterson.ts, declared through tla-twin's package API.   *)
(* Each action below is an entry of its action table, with the same name *)
(* and the same parameter p.                                             *)
(***************************************************************************)
EXTENDS FiniteSets

CONSTANTS Proc,       \* the two processes (model values)
          FirstTurn   \* whose turn it is at the start
ASSUME Cardinality(Proc) = 2 /\ FirstTurn \in Proc

VARIABLES pc,    \* pc[p]: "idle", "flagged", "waiting" or "critical"
          flag,  \* flag[p]: whether p wants to enter
          turn   \* the process that may enter when both want to
vars == <<pc, flag, turn>>

Other(p) == CHOOSE q \in Proc : q # p

Init == /\ pc = [p \in Proc |-> "idle"]
        /\ flag = [p \in Proc |-> FALSE]
        /\ turn = FirstTurn

RaiseFlag(p) == /\ pc[p] = "idle"
                /\ pc' = [pc EXCEPT ![p] = "flagged"]
                /\ flag' = [flag EXCEPT ![p] = TRUE]
                /\ UNCHANGED turn

GiveTurn(p) == /\ pc[p] = "flagged"
               /\ pc' = [pc EXCEPT ![p] = "waiting"]
               /\ turn' = Other(p)
               /\ UNCHANGED flag

Enter(p) == /\ pc[p] = "waiting"
            /\ ~flag[Other(p)] \/ turn = p
            /\ pc' = [pc EXCEPT ![p] = "critical"]
            /\ UNCHANGED <<flag, turn>>

Leave(p) == /\ pc[p] = "critical"
            /\ pc' = [pc EXCEPT ![p] = "idle"]
            /\ flag' = [flag EXCEPT ![p] = FALSE]
            /\ UNCHANGED turn

Next == \E p \in Proc : RaiseFlag(p) \/ GiveTurn(p) \/ Enter(p) \/ Leave(p)

Spec == Init /\ [][Next]_vars

\* No two processes are in their critical sections at once.
MutualExclusion == \A p, q \in Proc : p # q => ~(pc[p] = "critical" /\ pc[q] = "critical")

\* Witness goal: a process reaches its critical section.
SomeoneCritical == \E p \in Proc : pc[p] = "critical"
=============================================================================
