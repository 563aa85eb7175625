------------------------------- MODULE TCommit -------------------------------
(***************************************************************************)
(* The abstract transaction-commit problem, with no messages and no       *)
(* coordinator: each resource manager (RM) either commits or aborts, and  *)
(* the only safety requirement is that no RM commits while another        *)
(* aborts. TwoPhase.tla implements this spec; its module says how.        *)
(***************************************************************************)
CONSTANT RM         \* the resource managers taking part in the transaction

VARIABLE rmState    \* rmState[r] is the state of resource manager r

TCTypeOK == rmState \in [RM -> {"working", "prepared", "committed", "aborted"}]

TCInit == rmState = [r \in RM |-> "working"]

\* An RM may commit only when every RM is prepared or some RM has committed.
canCommit == \A r \in RM : rmState[r] \in {"prepared", "committed"}

\* An RM may abort unilaterally only while no RM has committed.
notCommitted == \A r \in RM : rmState[r] # "committed"

Prepare(r) == /\ rmState[r] = "working"
              /\ rmState' = [rmState EXCEPT ![r] = "prepared"]

Decide(r) == \/ /\ rmState[r] = "prepared"
                /\ canCommit
                /\ rmState' = [rmState EXCEPT ![r] = "committed"]
             \/ /\ rmState[r] \in {"working", "prepared"}
                /\ notCommitted
                /\ rmState' = [rmState EXCEPT ![r] = "aborted"]

TCNext == \E r \in RM : Prepare(r) \/ Decide(r)

TCSpec == TCInit /\ [][TCNext]_rmState

\* The requirement: committed and aborted never coexist.
TCConsistent == \A r1, r2 \in RM : ~ /\ rmState[r1] = "aborted"
                                     /\ rmState[r2] = "committed"
=============================================================================
