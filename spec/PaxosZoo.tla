------------------------------- MODULE PaxosZoo -------------------------------
(***************************************************************************)
(* The Paxos bug zoo in TLA+. Each variant of the twin                      *)
(* (src/paxos/variants.ts) replaces one rule of the reference; here it is  *)
(* the wrong version of the operator that rule implements, named           *)
(* <Variant>_<Operator>, with the same parameters. Paxos.tla and           *)
(* MCPaxos.tla stay as they are: a TLC config selects a variant with       *)
(* definition overrides in its CONSTANTS section, e.g.                     *)
(*                                                                         *)
(*     Phase2a <- IgnoreReportedValues_Phase2a                             *)
(*                                                                         *)
(* which makes TLC use the wrong operator wherever Paxos uses Phase2a      *)
(* (in Next, hence in Spec). model-check/tlc/zoo-check.ts writes these     *)
(* configs from each preset's MCPaxos config; `npm run tlc:zoo` runs them  *)
(* and records TLC's verdicts in golden/zoo.json.                          *)
(*                                                                         *)
(* Each wrong operator is a copy of the reference with one change, marked  *)
(* "changed" below; parameter conventions as in Paxos.tla (b a ballot, a   *)
(* an acceptor, v a value).                                                *)
(***************************************************************************)
EXTENDS MCPaxos

(***************************************************************************)
(* accept-below-promise (twin rule mayVote): Phase2b without the guard     *)
(* m.bal >= maxBal[a], so an acceptor votes in a ballot below one it has   *)
(* promised to join, and the 1b message it sent for the higher ballot no  *)
(* longer tells the truth: Msg1bConsistent breaks.                         *)
(***************************************************************************)
AcceptBelowPromise_Phase2b(a) ==
  \E m \in msgs :
    /\ m.type = "2a"
    \* changed: no m.bal >= maxBal[a]
    /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
    /\ maxVBal' = [maxVBal EXCEPT ![a] = m.bal]
    /\ maxVal' = [maxVal EXCEPT ![a] = m.val]
    /\ Send([type |-> "2b", acc |-> a, bal |-> m.bal, val |-> m.val])

(***************************************************************************)
(* ignore-reported-values (twin rule respectsReports): Phase2a proposes    *)
(* any value once a quorum has joined ballot b, ignoring the votes its 1b  *)
(* messages report. A proposal need not be safe: Msg2aSafe breaks.         *)
(***************************************************************************)
IgnoreReportedValues_Phase2a(b, v) ==
  /\ ~ \E m \in msgs : m.type = "2a" /\ m.bal = b
  /\ \E Q \in Quorum :
       LET Q1b == {m \in msgs : /\ m.type = "1b"
                                /\ m.acc \in Q
                                /\ m.bal = b}
       IN  Q \subseteq {m.acc : m \in Q1b}
           \* changed: no condition on v from the votes reported in Q1b
  /\ Send([type |-> "2a", bal |-> b, val |-> v])
  /\ UNCHANGED <<maxBal, maxVBal, maxVal>>

(***************************************************************************)
(* non-intersecting-quorums (twin rule quorums): every single acceptor is  *)
(* a quorum, so two quorums need not meet: Agreement breaks.               *)
(*                                                                         *)
(* The twin changes the constant Quorum. TLC cannot take that override as *)
(* it stands: with Quorum <- SingletonQuorums it first evaluates Paxos's   *)
(* ASSUME QuorumAssumption, finds it false and checks nothing (a named     *)
(* assumption cannot be overridden). So the variant overrides instead the *)
(* three operators of Paxos that read Quorum (Phase2a, ChosenAt, SafeAt),  *)
(* each a copy of the reference with Quorum replaced by SingletonQuorums   *)
(* and nothing else changed: the same behaviours and the same invariants   *)
(* as the twin's, which uses its quorums in exactly those places.          *)
(***************************************************************************)
SingletonQuorums == {{a} : a \in Acceptor}

NonIntersectingQuorums_Phase2a(b, v) ==
  /\ ~ \E m \in msgs : m.type = "2a" /\ m.bal = b
  /\ \E Q \in SingletonQuorums :   \* changed: Quorum
       LET Q1b  == {m \in msgs : /\ m.type = "1b"
                                 /\ m.acc \in Q
                                 /\ m.bal = b}
           Q1bv == {m \in Q1b : m.mbal >= 0}
       IN  /\ Q \subseteq {m.acc : m \in Q1b}
           /\ \/ Q1bv = {}
              \/ \E m \in Q1bv : /\ m.mval = v
                                 /\ \A mm \in Q1bv : m.mbal >= mm.mbal
  /\ Send([type |-> "2a", bal |-> b, val |-> v])
  /\ UNCHANGED <<maxBal, maxVBal, maxVal>>

NonIntersectingQuorums_ChosenAt(b, v) ==
  \E Q \in SingletonQuorums : \A a \in Q : VotedFor(a, b, v)   \* changed: Quorum

NonIntersectingQuorums_SafeAt(b, v) ==
  \A c \in 0..(b - 1) :
    \E Q \in SingletonQuorums :   \* changed: Quorum
      \A a \in Q : VotedFor(a, c, v) \/ WontVoteIn(a, c)

(***************************************************************************)
(* promise-not-recorded (twin rule promise): Phase1b sends its 1b message  *)
(* but leaves maxBal unchanged, so the acceptor does not keep the promise  *)
(* the message makes: Msg1bConsistent breaks at once.                      *)
(***************************************************************************)
PromiseNotRecorded_Phase1b(a) ==
  /\ \E m \in msgs :
       /\ m.type = "1a"
       /\ m.bal > maxBal[a]
       \* changed: no maxBal' = [maxBal EXCEPT ![a] = m.bal]
       /\ Send([type |-> "1b", acc |-> a, bal |-> m.bal,
                mbal |-> maxVBal[a], mval |-> maxVal[a]])
  /\ UNCHANGED <<maxBal, maxVBal, maxVal>>   \* changed: maxBal too

(***************************************************************************)
(* two-values-per-ballot (twin rule mayPropose): Phase2a checks only that  *)
(* the leader has not proposed this same value v in ballot b, so it may    *)
(* propose a second, different one: OneValuePerBallot breaks.              *)
(***************************************************************************)
TwoValuesPerBallot_Phase2a(b, v) ==
  /\ ~ \E m \in msgs : m.type = "2a" /\ m.bal = b /\ m.val = v   \* changed: /\ m.val = v
  /\ \E Q \in Quorum :
       LET Q1b  == {m \in msgs : /\ m.type = "1b"
                                 /\ m.acc \in Q
                                 /\ m.bal = b}
           Q1bv == {m \in Q1b : m.mbal >= 0}
       IN  /\ Q \subseteq {m.acc : m \in Q1b}
           /\ \/ Q1bv = {}
              \/ \E m \in Q1bv : /\ m.mval = v
                                 /\ \A mm \in Q1bv : m.mbal >= mm.mbal
  /\ Send([type |-> "2a", bal |-> b, val |-> v])
  /\ UNCHANGED <<maxBal, maxVBal, maxVal>>
=============================================================================
