------------------------------- MODULE TwoPhase ------------------------------
(***************************************************************************)
(* Two-Phase Commit in the formulation of Gray and Lamport, "Consensus on  *)
(* Transaction Commit" (2006): one transaction manager (TM) and a set of   *)
(* resource managers (RMs) that communicate through a set of messages.    *)
(* Messages are never removed from msgs, so a message can be received     *)
(* any number of times or never, and in any order: loss, duplication and *)
(* reordering need no actions of their own.                               *)
(*                                                                         *)
(* Twin: src/twophase/. Each action below is one function there, tagged   *)
(* @tla TwoPhase!<Action>; RM names are the model values r1, r2, ...      *)
(***************************************************************************)
CONSTANT RM           \* the resource managers taking part in the transaction

ASSUME RM # {}

VARIABLES
  rmState,      \* rmState[r]: "working", "prepared", "committed" or "aborted"
  tmState,      \* the TM's decision so far: "init", "committed" or "aborted"
  tmPrepared,   \* the RMs from which the TM has received a Prepared message
  msgs          \* every message ever sent; a message once sent stays here

vars == <<rmState, tmState, tmPrepared, msgs>>

\* An RM tells the TM it is prepared; the TM broadcasts its decision.
Messages == [type : {"Prepared"}, rm : RM] \cup [type : {"Commit", "Abort"}]

TypeOK == /\ rmState \in [RM -> {"working", "prepared", "committed", "aborted"}]
          /\ tmState \in {"init", "committed", "aborted"}
          /\ tmPrepared \subseteq RM
          /\ msgs \subseteq Messages

Init == /\ rmState = [r \in RM |-> "working"]
        /\ tmState = "init"
        /\ tmPrepared = {}
        /\ msgs = {}

(***************************************************************************)
(* Actions of the TM.                                                      *)
(***************************************************************************)
\* The undecided TM notes a Prepared message from RM r.
TMRcvPrepared(r) == /\ tmState = "init"
                    /\ [type |-> "Prepared", rm |-> r] \in msgs
                    /\ tmPrepared' = tmPrepared \cup {r}
                    /\ UNCHANGED <<rmState, tmState, msgs>>

\* Once every RM has reported prepared, the TM decides to commit.
TMCommit == /\ tmState = "init"
            /\ tmPrepared = RM
            /\ tmState' = "committed"
            /\ msgs' = msgs \cup {[type |-> "Commit"]}
            /\ UNCHANGED <<rmState, tmPrepared>>

\* The undecided TM may decide to abort at any time.
TMAbort == /\ tmState = "init"
           /\ tmState' = "aborted"
           /\ msgs' = msgs \cup {[type |-> "Abort"]}
           /\ UNCHANGED <<rmState, tmPrepared>>

(***************************************************************************)
(* Actions of resource manager r.                                          *)
(***************************************************************************)
\* A working RM prepares and tells the TM so.
RMPrepare(r) == /\ rmState[r] = "working"
                /\ rmState' = [rmState EXCEPT ![r] = "prepared"]
                /\ msgs' = msgs \cup {[type |-> "Prepared", rm |-> r]}
                /\ UNCHANGED <<tmState, tmPrepared>>

\* A working RM may abort on its own, without telling anyone.
RMChooseToAbort(r) == /\ rmState[r] = "working"
                      /\ rmState' = [rmState EXCEPT ![r] = "aborted"]
                      /\ UNCHANGED <<tmState, tmPrepared, msgs>>

\* Receiving the TM's commit decision (possibly again) commits the RM.
RMRcvCommitMsg(r) == /\ [type |-> "Commit"] \in msgs
                     /\ rmState' = [rmState EXCEPT ![r] = "committed"]
                     /\ UNCHANGED <<tmState, tmPrepared, msgs>>

\* Receiving the TM's abort decision (possibly again) aborts the RM.
RMRcvAbortMsg(r) == /\ [type |-> "Abort"] \in msgs
                    /\ rmState' = [rmState EXCEPT ![r] = "aborted"]
                    /\ UNCHANGED <<tmState, tmPrepared, msgs>>

Next == \/ TMCommit
        \/ TMAbort
        \/ \E r \in RM : \/ TMRcvPrepared(r)
                         \/ RMPrepare(r)
                         \/ RMChooseToAbort(r)
                         \/ RMRcvCommitMsg(r)
                         \/ RMRcvAbortMsg(r)

Spec == Init /\ [][Next]_vars

(***************************************************************************)
(* Invariants.                                                             *)
(***************************************************************************)
\* No RM commits while another aborts. It holds because the TM decides at
\* most once (every TM action needs tmState = "init"), an RM that receives a
\* decision adopts it, and an RM can abort on its own only while working,
\* i.e. before it prepared, which is before the TM could have committed.
TCConsistent == \A r1, r2 \in RM : ~ /\ rmState[r1] = "aborted"
                                     /\ rmState[r2] = "committed"

(***************************************************************************)
(* Refinement: every behaviour of this spec, projected onto rmState, is a  *)
(* behaviour of the abstract spec TCommit. TLC checks it with              *)
(* TwoPhase_refines_TCommit.cfg (PROPERTY RefinesTCommit).                 *)
(***************************************************************************)
TC == INSTANCE TCommit

RefinesTCommit == TC!TCSpec

THEOREM Spec => RefinesTCommit
=============================================================================
