----------------------------- MODULE TwoPhaseGoals -----------------------------
(***************************************************************************)
(* Witness goals for TwoPhase.tla: behaviours every shipped config must    *)
(* reach, so that TCConsistent is not checked vacuously. TLC confirms a    *)
(* state goal G by checking ~G as an invariant, a step goal by checking    *)
(* [][~G]_vars as a property; it must report the violation at the depth   *)
(* the twin reports the witness (src/twophase/witnesses.ts).              *)
(***************************************************************************)
EXTENDS TwoPhase

\* An RM commits.
SomeRMCommitted == \E r \in RM : rmState[r] = "committed"

\* An RM that had prepared aborts (a step).
PreparedRMAborts == \E r \in RM : rmState[r] = "prepared" /\ rmState'[r] = "aborted"
=============================================================================
