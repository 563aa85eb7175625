----------------------------- MODULE MCPaxosGoals ------------------------------
(***************************************************************************)
(* Witness goals for Paxos under the bounds of MCPaxos.tla: behaviours     *)
(* every shipped config must reach, so that Agreement and the message      *)
(* invariants are not checked vacuously. TLC confirms a state goal G by    *)
(* checking ~G as an invariant, a step goal by checking [][~G]_vars as a   *)
(* property; it must report the violation at the depth the twin reports   *)
(* the witness (src/paxos/witnesses.ts).                                   *)
(***************************************************************************)
EXTENDS MCPaxos

\* Some value is chosen.
ValueChosen == Chosen # {}

\* A leader proposes in ballot b (a step) when every quorum that has
\* answered b reports a vote, so the value it may propose is forced.
ProposalForced ==
  \E b \in Ballot, v \in Value :
    /\ Phase2a(b, v)
    /\ \A Q \in Quorum :
         LET Q1b == {m \in msgs : m.type = "1b" /\ m.acc \in Q /\ m.bal = b}
         IN  Q \subseteq {m.acc : m \in Q1b} =>
               \E m \in Q1b : m.mbal >= 0

\* Some acceptor has voted in two different ballots.
VotesInTwoBallots ==
  \E m1, m2 \in msgs : /\ m1.type = "2b" /\ m2.type = "2b"
                       /\ m1.acc = m2.acc /\ m1.bal # m2.bal
=============================================================================
