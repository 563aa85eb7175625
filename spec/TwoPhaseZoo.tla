------------------------------ MODULE TwoPhaseZoo ------------------------------
(***************************************************************************)
(* The Two-Phase Commit bug zoo in TLA+. Each variant of the twin          *)
(* (src/twophase/variants.ts) replaces one rule of the reference; here it  *)
(* is the wrong version of the one operator that rule implements, named    *)
(* <Variant>_<Operator>. TwoPhase.tla stays as it is: a TLC config selects *)
(* a variant with a definition override in its CONSTANT section, e.g.      *)
(*                                                                         *)
(*     TMCommit <- CommitBeforeAllPrepared_TMCommit                        *)
(*                                                                         *)
(* which makes TLC use the wrong operator wherever TwoPhase uses TMCommit  *)
(* (in Next, hence in Spec). model-check/tlc/zoo-check.ts writes these     *)
(* configs from each preset's config; `npm run tlc:zoo` runs them and      *)
(* records TLC's verdicts in golden/zoo.json.                              *)
(***************************************************************************)
EXTENDS TwoPhase

\* Variant commit-before-all-prepared (twin rule tmMayCommit): the TM
\* commits once any one RM has reported prepared, instead of waiting for
\* tmPrepared = RM. An RM that has not prepared can then abort on its own
\* while another receives Commit: TCConsistent breaks.
CommitBeforeAllPrepared_TMCommit ==
  /\ tmState = "init"
  /\ tmPrepared # {}
  /\ tmState' = "committed"
  /\ msgs' = msgs \cup {[type |-> "Commit"]}
  /\ UNCHANGED <<rmState, tmPrepared>>
=============================================================================
