------------------------- MODULE TwoPhase_CommitOneShort -------------------------
(***************************************************************************)
(* Bug-zoo variant commit-one-short of Two-Phase Commit (twin rule         *)
(* tmMayCommit, src/twophase/variants.ts): the TM commits once all RMs but *)
(* one have reported prepared, an off-by-one count where TwoPhase.tla has  *)
(* tmPrepared = RM. TwoPhase.tla stays as it is; a TLC config puts the     *)
(* wrong operator in place with the definition override                   *)
(*                                                                         *)
(*     TMCommit <- CommitOneShort_TMCommit                                 *)
(*                                                                         *)
(* With PROPERTY RefinesTCommit TLC reports the refinement violated: an   *)
(* RM commits while another is still working, which TCommit's Decide      *)
(* forbids (canCommit). TCConsistent breaks one step later, when the      *)
(* working RM aborts on its own. test/refinement/tlc.test.ts runs both.   *)
(***************************************************************************)
EXTENDS TwoPhase

CommitOneShort_TMCommit ==
  /\ tmState = "init"
  \* changed: tmPrepared = RM. At most one RM has not reported prepared,
  \* i.e. Cardinality(tmPrepared) >= Cardinality(RM) - 1 (a \A, so that TLC
  \* computes one successor, as for the reference).
  /\ \A r1, r2 \in RM \ tmPrepared : r1 = r2
  /\ tmState' = "committed"
  /\ msgs' = msgs \cup {[type |-> "Commit"]}
  /\ UNCHANGED <<rmState, tmPrepared>>
=============================================================================
